using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.StoryStore;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

/// <summary>Hub clients hear of a change once, from the instance where it happened; the backplane carries it to the rest.</summary>
internal sealed class BroadcastStoryChanged(IHubContext<NewsroomHub, INewsroomClient> hub) : INotificationHandler<StoryChanged>
{
    public Task Handle(StoryChanged notification, CancellationToken cancellationToken) =>
        hub.Clients.All.StoryChanged(
            new StoryChangedMessage(notification.StoryId, notification.Slug, notification.Headline, notification.State));
}

internal sealed class PushNotifications(IHubContext<NewsroomHub, INewsroomClient> hub) : INotificationHandler<NotificationsCreated>
{
    public Task Handle(NotificationsCreated notification, CancellationToken cancellationToken) =>
        hub.Clients.Users(notification.UserIds.Select(id => id.ToString()).ToList()).NotificationsChanged();
}
