using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Features.Stories;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

internal sealed class BroadcastStoryChanged(IHubContext<NewsroomHub, INewsroomClient> hub)
    : INotificationHandler<StoryChanged>
{
    public Task Handle(StoryChanged notification, CancellationToken cancellationToken) =>
        hub.Clients.All.StoryChanged(
            new StoryChangedMessage(notification.StoryId, notification.Slug, notification.Headline, notification.State));
}
