using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

/// <summary>
/// Sends each committed batch to everyone in the text, the senders included (they confirm their own by client id).
/// Awaited before the pushes are acknowledged, so a pusher sees the broadcast before its acknowledgement.
/// </summary>
internal sealed class BroadcastLiveTextUpdates(IHubContext<CollabHub, ICollabClient> hub) : INotificationHandler<LiveTextUpdated>
{
    public Task Handle(LiveTextUpdated notification, CancellationToken cancellationToken) =>
        hub.Clients.Group(CollabHub.Group(notification.StoryId, notification.Field))
            .Updates(notification.StoryId, notification.Field, notification.FromVersion, notification.Updates);
}
