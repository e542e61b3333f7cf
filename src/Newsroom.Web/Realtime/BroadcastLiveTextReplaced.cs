using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

internal sealed class BroadcastLiveTextReplaced(IHubContext<CollabHub, ICollabClient> hub) : INotificationHandler<LiveTextReplaced>
{
    public Task Handle(LiveTextReplaced notification, CancellationToken cancellationToken) =>
        hub.Clients.Group(CollabHub.Group(notification.StoryId, notification.Field))
            .Updates(notification.StoryId, notification.Field, notification.FromVersion, notification.Updates);
}
