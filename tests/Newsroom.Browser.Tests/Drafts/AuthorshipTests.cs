using Microsoft.Playwright;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Drafts;

[Collection(BrowserCollection.Name)]
public sealed class AuthorshipTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Authorship_colours_and_the_diff_view_show_two_writers_passages_after_the_server_restarts()
    {
        var storyId = await browser.ArabicStoryAsync("البداية.");
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Newsroom"] = browser.Database.ConnectionString };
        using (var app = AppProcess.Start(environment))
        {
            await app.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(90));
            var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1", app.BaseAddress);
            var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1", app.BaseAddress);
            await BrowserFixture.OpenLiveAsync(layla, storyId);
            await BrowserFixture.OpenLiveAsync(samira, storyId);
            await layla.ClickAsync(".live-body .cm-content");
            await layla.Keyboard.PressAsync("Control+End");
            await layla.Keyboard.TypeAsync(" كتبت ليلى هذا", new KeyboardTypeOptions { Delay = 15 });
            await BrowserFixture.WaitUntilAsync(async () => (await BrowserFixture.LiveTextAsync(samira)).EndsWith("كتبت ليلى هذا", StringComparison.Ordinal));
            await samira.ClickAsync(".live-body .cm-content");
            await samira.Keyboard.PressAsync("Control+End");
            await samira.Keyboard.TypeAsync(" وكتبت سميرة ذاك", new KeyboardTypeOptions { Delay = 15 });
            await BrowserFixture.WaitUntilAsync(async () => (await BrowserFixture.LiveTextAsync(layla)).EndsWith("وكتبت سميرة ذاك", StringComparison.Ordinal));
            await Assertions.Expect(samira.Locator(".live-status")).ToContainTextAsync("all changes saved");
            await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("all changes saved");
            await layla.Context.CloseAsync();
            await samira.Context.CloseAsync();
            app.Kill();
        }

        // A fresh server on the same database knows who wrote what from what it stored.
        using var restarted = AppProcess.Start(environment);
        await restarted.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(90));
        var reader = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1", restarted.BaseAddress);
        await BrowserFixture.OpenLiveAsync(reader, storyId);
        Assert.Equal("البداية. كتبت ليلى هذا وكتبت سميرة ذاك", await BrowserFixture.LiveTextAsync(reader));

        await reader.ClickAsync(".authors-toggle");
        await Assertions.Expect(reader.Locator(".authors-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        var byLayla = reader.Locator(".live-body .written-by[title='Written by Layla Haddad']");
        var bySamira = reader.Locator(".live-body .written-by[title='Written by Samira Nasser']");
        // The text the story was created with is its author's too.
        await Assertions.Expect(byLayla).ToHaveTextAsync("البداية. كتبت ليلى هذا");
        await Assertions.Expect(bySamira).ToHaveTextAsync(" وكتبت سميرة ذاك");
        // Each in its writer's colour, different from the other's, and both named in the legend.
        var colours = await Task.WhenAll(byLayla.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"), bySamira.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.NotEqual(colours[0], colours[1]);
        Assert.DoesNotContain("rgba(0, 0, 0, 0)", colours);
        await Assertions.Expect(reader.Locator(".authorship-legend li")).ToContainTextAsync(["Layla Haddad", "Samira Nasser"], new() { UseInnerText = true });

        // A version saved now keeps that authorship, so its diff against the first revision names each addition's writer.
        await reader.GetByLabel("Name this version").FillAsync("Both wrote");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Save version" }).ClickAsync();
        await Assertions.Expect(reader.Locator("table.compact tbody tr").First).ToContainTextAsync("Both wrote");
        var ticks = reader.Locator("table.compact tbody input[type=checkbox]");
        await ticks.First.CheckAsync();
        await ticks.Last.CheckAsync();
        var diff = reader.Locator(".diff-field .diff").Last;
        await Assertions.Expect(diff.Locator("ins")).ToHaveCountAsync(2);
        await Assertions.Expect(diff.Locator("ins[title='Added by Layla Haddad']")).ToHaveTextAsync(" كتبت ليلى هذا");
        await Assertions.Expect(diff.Locator("ins[title='Added by Samira Nasser']")).ToHaveTextAsync(" وكتبت سميرة ذاك");
        // The name is there to read, not only a colour or a tooltip.
        await Assertions.Expect(diff.Locator(".diff-writer")).ToHaveTextAsync(["Layla Haddad", "Samira Nasser"]);
        await Assertions.Expect(diff.Locator(".diff-writer").Last).ToBeVisibleAsync();
    }
}
