using MediatR;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.StoryStore;

namespace Newsroom.Web.Realtime;

/// <summary>
/// This instance's open pages hear what happened on any instance (<see cref="OnEveryInstance{T}"/>), and read
/// everything again when news between instances may have been lost (<see cref="InstanceFeedResumed"/>).
/// </summary>
internal sealed class RaisePageEvents(NewsroomEvents events)
    : INotificationHandler<OnEveryInstance<StoryChanged>>, INotificationHandler<OnEveryInstance<NotificationsCreated>>,
        INotificationHandler<OnEveryInstance<WallChanged>>, INotificationHandler<InstanceFeedResumed>
{
    public Task Handle(OnEveryInstance<StoryChanged> notification, CancellationToken cancellationToken) =>
        events.RaiseStoryChangedAsync(notification.News);

    public Task Handle(OnEveryInstance<NotificationsCreated> notification, CancellationToken cancellationToken) =>
        events.RaiseNotificationsChangedAsync(notification.News.UserIds);

    public Task Handle(OnEveryInstance<WallChanged> notification, CancellationToken cancellationToken) =>
        events.RaiseWallChangedAsync();

    public Task Handle(InstanceFeedResumed notification, CancellationToken cancellationToken) =>
        events.RaiseMayHaveMissedNewsAsync();
}
