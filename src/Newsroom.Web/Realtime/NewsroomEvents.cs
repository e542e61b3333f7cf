using Newsroom.Application.StoryStore;

namespace Newsroom.Web.Realtime;

/// <summary>
/// The in-process change feed Blazor pages listen to (eShop's OrderStatusNotificationService pattern): notification
/// handlers raise it after a commit; components subscribe, refresh through InvokeAsync, and unsubscribe on dispose.
/// Hub clients get the same news through SignalR.
/// </summary>
public sealed class NewsroomEvents
{
    public event Func<StoryChanged, Task>? StoryChanged;

    public event Func<IReadOnlyList<Guid>, Task>? NotificationsChanged;

    /// <summary>The breaking-news banner went up or down, or a display link was revoked.</summary>
    public event Func<bool, Task>? WallChanged;

    internal Task RaiseStoryChangedAsync(StoryChanged change) => RaiseAsync(StoryChanged, change);

    internal Task RaiseNotificationsChangedAsync(IReadOnlyList<Guid> userIds) => RaiseAsync(NotificationsChanged, userIds);

    internal Task RaiseWallChangedAsync() => RaiseAsync(WallChanged, true);

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
