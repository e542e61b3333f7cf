namespace Newsroom.Web.Realtime;

/// <summary>
/// Reloads a live page when news arrives, off the path of the command that caused it: the command that raised the
/// event returns at once, however many boards and wall screens are open. At most one reload runs per page; news
/// that arrives meanwhile gets one more reload after it, not one each.
/// </summary>
public sealed class LiveRefresh(Func<Task> reload)
{
    private readonly Lock _gate = new();
    private bool _running;
    private bool _again;

    /// <summary>An event handler: starts a reload (or queues one) and returns without waiting for it.</summary>
    public Task RequestAsync()
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
                return Task.CompletedTask;
            }

            _running = true;
        }

        _ = RunAsync();
        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await reload();
            }
            catch (ObjectDisposedException)
            {
                // The page closed while news was on its way.
                return;
            }

            lock (_gate)
            {
                if (!_again)
                {
                    _running = false;
                    return;
                }

                _again = false;
            }
        }
    }
}
