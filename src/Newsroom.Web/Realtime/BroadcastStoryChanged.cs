using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.StoryStore;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

internal sealed class BroadcastStoryChanged(IHubContext<NewsroomHub, INewsroomClient> hub, NewsroomEvents events)
    : INotificationHandler<StoryChanged>
{
    public async Task Handle(StoryChanged notification, CancellationToken cancellationToken)
    {
        await hub.Clients.All.StoryChanged(
            new StoryChangedMessage(notification.StoryId, notification.Slug, notification.Headline, notification.State));
        await events.RaiseStoryChangedAsync(notification);
    }
}

internal sealed class PushNotifications(IHubContext<NewsroomHub, INewsroomClient> hub, NewsroomEvents events)
    : INotificationHandler<NotificationsCreated>
{
    public async Task Handle(NotificationsCreated notification, CancellationToken cancellationToken)
    {
        await hub.Clients.Users(notification.UserIds.Select(id => id.ToString()).ToList()).NotificationsChanged();
        await events.RaiseNotificationsChangedAsync(notification.UserIds);
    }
}

internal sealed class RefreshWallScreens(NewsroomEvents events) : INotificationHandler<WallChanged>
{
    public Task Handle(WallChanged notification, CancellationToken cancellationToken) => events.RaiseWallChangedAsync();
}
