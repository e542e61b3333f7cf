using Newsroom.Application.StoryStore;

namespace Newsroom.Web.Realtime;

/// <summary>
/// The in-process change feed Blazor pages listen to (eShop's OrderStatusNotificationService pattern): notification
/// handlers raise it after a commit on any instance (<c>RaisePageEvents</c>); components subscribe, refresh through
/// InvokeAsync, and unsubscribe on dispose. Hub clients get the same news through SignalR.
/// </summary>
public sealed class NewsroomEvents
{
    public event Func<StoryChanged, Task>? StoryChanged;

    public event Func<IReadOnlyList<Guid>, Task>? NotificationsChanged;

    /// <summary>The breaking-news banner went up or down, or a display link was revoked.</summary>
    public event Func<bool, Task>? WallChanged;

    /// <summary>News from other instances may have been lost (their feed was interrupted): read everything again.</summary>
    public event Func<bool, Task>? MayHaveMissedNews;

    internal Task RaiseStoryChangedAsync(StoryChanged change) => RaiseAsync(StoryChanged, change);

    internal Task RaiseNotificationsChangedAsync(IReadOnlyList<Guid> userIds) => RaiseAsync(NotificationsChanged, userIds);

    internal Task RaiseWallChangedAsync() => RaiseAsync(WallChanged, true);

    internal Task RaiseMayHaveMissedNewsAsync() => RaiseAsync(MayHaveMissedNews, true);

    private static async Task RaiseAsync<T>(Func<T, Task>? handlers, T value)
    {
        if (handlers is null)
        {
            return;
        }

        // One page failing to refresh must not stop the others, nor the command that raised the event.
        foreach (var handler in handlers.GetInvocationList().Cast<Func<T, Task>>())
        {
            try
            {
                await handler(value);
            }
            catch (ObjectDisposedException)
            {
                // The page closed between the event and its refresh.
            }
        }
    }
}
