using Microsoft.AspNetCore.Components;
using Newsroom.Application.StoryStore;
using Newsroom.Web.Realtime;
using Newsroom.Web.Security;

namespace Newsroom.Web.Components.Shared;

/// <summary>
/// A page (or part of one) that stays live, after eShop's OrdersRefreshOnStatusChange, written once for all: it
/// listens to <see cref="NewsroomEvents"/> (which carry news from every instance), reloads through one
/// <see cref="LiveRefresh"/> (off the command's path, a burst of news giving one reload), reads again whenever news
/// between instances may have been lost, sends a page whose account lost access to the sign-in page, hands any other
/// failed reload to the error boundary, and stops listening when it closes.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private LiveRefresh? _refresh;

    [Inject]
    private NewsroomEvents Events { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Reads the page's data again, on the renderer's thread, never two at once.</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Whether a change to a story should reload this page (by default, every change does).</summary>
    protected virtual bool Reloads(StoryChanged change) => true;

    /// <summary>Whether new notifications for these people should reload this page (by default, none do).</summary>
    protected virtual bool Reloads(IReadOnlyList<Guid> notified) => false;

    /// <summary>Whether the breaking-news banner or a revoked display link should reload this page.</summary>
    protected virtual bool ReloadsOnWallChange => false;

    protected override void OnInitialized()
    {
        _refresh = new LiveRefresh(() => InvokeAsync(async () =>
        {
            try
            {
                await ReloadAsync();
                StateHasChanged();
            }
            catch (Exception e)
            {
                if (!Navigation.SentToSignInPage(e))
                {
                    await DispatchExceptionAsync(e);
                }
            }
        }));
        Events.StoryChanged += OnStoryChanged;
        Events.NotificationsChanged += OnNotificationsChanged;
        Events.WallChanged += OnWallChanged;
        Events.MayHaveMissedNews += OnMayHaveMissedNews;
    }

    private Task OnStoryChanged(StoryChanged change) => Reloads(change) ? _refresh!.RequestAsync() : Task.CompletedTask;

    private Task OnNotificationsChanged(IReadOnlyList<Guid> notified) =>
        Reloads(notified) ? _refresh!.RequestAsync() : Task.CompletedTask;

    private Task OnWallChanged(bool _) => ReloadsOnWallChange ? _refresh!.RequestAsync() : Task.CompletedTask;

    private Task OnMayHaveMissedNews(bool _) => _refresh!.RequestAsync();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Events.StoryChanged -= OnStoryChanged;
            Events.NotificationsChanged -= OnNotificationsChanged;
            Events.WallChanged -= OnWallChanged;
            Events.MayHaveMissedNews -= OnMayHaveMissedNews;
        }
    }
}
