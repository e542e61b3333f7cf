using Newsroom.Web.Realtime;

namespace Newsroom.Web.Tests.Realtime;

public sealed class LiveRefreshTests
{
    [Fact]
    public async Task The_caller_does_not_wait_for_the_reload_and_news_during_a_reload_gives_one_more_not_one_each()
    {
        var reloads = 0;
        var gate = new TaskCompletionSource();
        var done = new TaskCompletionSource();
        var refresh = new LiveRefresh(async () =>
        {
            if (Interlocked.Increment(ref reloads) == 1)
            {
                await gate.Task;
            }
            else
            {
                done.TrySetResult();
            }
        });

        var first = refresh.RequestAsync();
        await refresh.RequestAsync();
        await refresh.RequestAsync();
        await refresh.RequestAsync();

        Assert.True(first.IsCompleted, "the command that raised the news must not wait for pages to reload");
        Assert.Equal(1, reloads);
        gate.SetResult();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.Equal(2, reloads);
    }

    [Fact]
    public async Task A_closed_page_stops_reloading_quietly()
    {
        var calls = 0;
        var refresh = new LiveRefresh(() =>
        {
            calls++;
            throw new ObjectDisposedException("page");
        });

        await refresh.RequestAsync();
        await Task.Delay(50);
        await refresh.RequestAsync();
        await Task.Delay(50);

        // The page is gone for good: nothing is left to reload, and nothing is thrown at the command that raised the news.
        Assert.Equal(1, calls);
    }
}
