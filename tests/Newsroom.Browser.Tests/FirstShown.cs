using Microsoft.Playwright;

namespace Newsroom.Browser.Tests;

/// <summary>
/// When something first appeared on a page, taken by the page itself as the DOM changed. Playwright's expectations
/// poll at growing intervals (up to a second apart), so a test that timed a change by when its expectation passed
/// measured that polling too.
/// </summary>
internal static class FirstShown
{
    private const string Watch = """
        selector => {
            const shown = window.newsroomFirstShown ??= {};
            delete shown[selector];
            const check = () => {
                if (shown[selector] === undefined && document.querySelector(selector)) {
                    shown[selector] = Date.now();
                }
            };
            new MutationObserver(check).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
            check();
        }
        """;

    /// <summary>From now on, <paramref name="page"/> notes when an element matching <paramref name="selector"/> first appears.</summary>
    public static Task WatchAsync(IPage page, string selector) => page.EvaluateAsync(Watch, selector);

    /// <summary>Waits up to <paramref name="timeout"/> for the element watched for, and says when it appeared.</summary>
    public static async Task<DateTimeOffset> AtAsync(IPage page, string selector, TimeSpan timeout)
    {
        var at = await page.WaitForFunctionAsync("selector => window.newsroomFirstShown?.[selector] ?? null", selector,
            new() { Timeout = (float)timeout.TotalMilliseconds });
        return DateTimeOffset.FromUnixTimeMilliseconds((long)await at.JsonValueAsync<double>());
    }
}
