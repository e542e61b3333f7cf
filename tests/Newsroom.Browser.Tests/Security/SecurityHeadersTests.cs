using Microsoft.Playwright;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Security;

/// <summary>The Content-Security-Policy in a real browser: every kind of page still works under it, and framing is refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityHeadersTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string RecordViolations =
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_board_the_live_editor_the_readers_site_and_a_wall_work_with_no_policy_violation()
    {
        var storyId = (await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new ListStories.Query())).First(s => s.Slug == "old-souk-reopens").Id;
        var link = await browser.App.Services.SendAsAsync("admin@newsroom.test", new CreateDisplayLink.Command("Newsdesk TV"));
        var layla = await browser.SignInAsync(DemoNewsroom.Layla, "Reporter-demo-1");
        var refused = Watch(layla);
        await layla.AddInitScriptAsync(RecordViolations);

        await layla.GotoAsync("/board");
        await layla.WaitForSelectorAsync("[data-circuit=live]");
        var onBoard = await layla.EvaluateAsync<string[]>("() => window.__csp");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await layla.Locator(".live-body .cm-content").ClickAsync();
        await layla.Keyboard.TypeAsync("CSP ");
        await Assertions.Expect(layla.Locator(".live-body .cm-content")).ToContainTextAsync("CSP ");
        var inEditor = await layla.EvaluateAsync<string[]>("() => window.__csp");
        await layla.GotoAsync("/articles");
        var onArticles = await layla.EvaluateAsync<string[]>("() => window.__csp");

        var wallContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString() });
        var wall = await wallContext.NewPageAsync();
        var wallRefused = Watch(wall);
        await wall.AddInitScriptAsync(RecordViolations);
        await wall.GotoAsync(link.Path);
        await wall.WaitForSelectorAsync("[data-circuit=live]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var onWall = await wall.EvaluateAsync<string[]>("() => window.__csp");

        Assert.Empty(onBoard);
        Assert.Empty(inEditor);
        Assert.Empty(onArticles);
        Assert.Empty(onWall);
        Assert.Empty(refused);
        Assert.Empty(wallRefused);
    }

    [Fact]
    public async Task Another_site_cannot_frame_a_newsroom_page()
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var refused = Watch(page);

        await page.SetContentAsync($"<iframe src=\"{new Uri(browser.BaseAddress, "/articles")}\"></iframe>");
        await page.WaitForTimeoutAsync(1_000);

        Assert.Contains(refused, m => m.Contains("frame-ancestors", StringComparison.Ordinal));
    }

    private static List<string> Watch(IPage page)
    {
        var messages = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                messages.Add(message.Text);
            }
        };
        return messages;
    }
}
