using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.StoryStore;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

/// <summary>Hub clients hear of a change once, from the instance where it happened; the backplane carries it to the rest.</summary>
internal sealed class BroadcastStoryChanged(IHubContext<NewsroomHub, INewsroomClient> hub, ILogger<BroadcastStoryChanged> logger)
    : INotificationHandler<StoryChanged>
{
    public Task Handle(StoryChanged notification, CancellationToken cancellationToken)
    {
        AfterCommit.Send(hub.Clients.All.StoryChanged(
            new StoryChangedMessage(notification.StoryId, notification.Slug, notification.Headline, notification.State)), logger);
        return Task.CompletedTask;
    }
}

internal sealed class PushNotifications(IHubContext<NewsroomHub, INewsroomClient> hub, ILogger<PushNotifications> logger)
    : INotificationHandler<NotificationsCreated>
{
    public Task Handle(NotificationsCreated notification, CancellationToken cancellationToken)
    {
        AfterCommit.Send(hub.Clients.Users(notification.UserIds.Select(id => id.ToString()).ToList()).NotificationsChanged(), logger);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A hub message about something already committed: started, never awaited by the command. With Redis away the
/// backplane holds a send for seconds and then fails it; the change stands all the same, and hub clients catch
/// up when they reconnect, so the command must neither wait for it nor fail because of it.
/// </summary>
internal static partial class AfterCommit
{
    public static void Send(Task sending, ILogger logger)
    {
        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending, logger);
        }
    }

    private static async Task ObserveAsync(Task sending, ILogger logger)
    {
        try
        {
            await sending;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSendFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A hub message about a committed change could not be sent.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);
}
