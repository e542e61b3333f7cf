using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Newsroom.Testing;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.Features.Stories;

namespace Newsroom.Browser.Tests.Drafts;

/// <summary>Edits kept in the browser belong to the person who made them, on a computer several people share.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UnsentEditsTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Another_account_on_the_same_browser_never_replays_kept_edits_and_their_owner_does()
    {
        var storyId = (await browser.App.Services.SendAsAsync("layla.haddad@newsroom.test",
            new CreateStory.Command($"live-{Guid.NewGuid():N}", "en", "Local", "Harbour fire", Body: "Start"))).StoryId;
        var page = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var blockPushes = true;
        var samiraIsIn = false;
        var pushesFromSamirasPage = 0;
        await page.RouteWebSocketAsync(new Regex("/hubs/collab"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                var isPush = frame.Text?.Contains("\"target\":\"TryPush\"", StringComparison.Ordinal) == true;
                if (isPush && samiraIsIn)
                {
                    Interlocked.Increment(ref pushesFromSamirasPage);
                }

                // While blocked, Layla's edits never reach the server: they survive only in the browser's storage.
                if (!(blockPushes && frame.Text?.Contains("\"target\":\"TryPush\"", StringComparison.Ordinal) == true))
                {
                    server.Send(frame.Text!);
                }
            });
            server.OnMessage(frame => ws.Send(frame.Text!));
        });
        await BrowserFixture.OpenLiveAsync(page, storyId);
        await page.ClickAsync(".live-body .cm-content");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" by Layla", new KeyboardTypeOptions { Delay = 10 });
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("unsaved change");

        // Layla walks away without the edits reaching the server; Samira signs in on the same browser.
        await page.Context.ClearCookiesAsync();
        blockPushes = false;
        samiraIsIn = true;
        await SignInOnAsync(page, "samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(page, storyId);
        await page.WaitForTimeoutAsync(1_500);
        var seenBySamira = await BrowserFixture.LiveTextAsync(page);
        samiraIsIn = false;

        await page.Context.ClearCookiesAsync();
        await SignInOnAsync(page, "layla.haddad@newsroom.test", "Reporter-demo-1");
        await BrowserFixture.OpenLiveAsync(page, storyId);

        Assert.Equal("Start", seenBySamira);
        // Samira typed nothing: her page did not even try to send Layla's kept edits.
        Assert.Equal(0, pushesFromSamirasPage);
        await Assertions.Expect(page.Locator(".live-body .cm-content")).ToHaveTextAsync("Start by Layla");
    }

    [Fact]
    public async Task Signing_out_with_unsent_edits_says_so_and_sends_them_first()
    {
        var storyId = (await browser.App.Services.SendAsAsync("layla.haddad@newsroom.test",
            new CreateStory.Command($"live-{Guid.NewGuid():N}", "en", "Local", "Harbour fire", Body: "Start"))).StoryId;
        var page = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        // Pushes are held back (not lost) until the test lets them through, as on a slow or stalled connection.
        var holding = true;
        var held = new List<Action>();
        await page.RouteWebSocketAsync(new Regex("/hubs/collab"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                var text = frame.Text!;
                lock (held)
                {
                    if (holding && text.Contains("\"target\":\"TryPush\"", StringComparison.Ordinal))
                    {
                        held.Add(() => server.Send(text));
                        return;
                    }
                }

                server.Send(text);
            });
            server.OnMessage(frame => ws.Send(frame.Text!));
        });
        await BrowserFixture.OpenLiveAsync(page, storyId);
        await page.ClickAsync(".live-body .cm-content");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" by Layla", new KeyboardTypeOptions { Delay = 10 });
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("unsaved change");

        await page.ClickAsync("form[action='account/logout'] button[type=submit]");

        // The page stays, says what it is doing, and does not sign out while the edits cannot go.
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("before signing out");
        await page.WaitForTimeoutAsync(1_000);
        Assert.Contains($"/stories/{storyId}", page.Url, StringComparison.Ordinal);

        lock (held)
        {
            holding = false;
            held.ForEach(send => send());
            held.Clear();
        }

        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        var saved = await browser.App.Services.SendAsAsync("samira.nasser@newsroom.test", new JoinText.Query(storyId, "body"));
        Assert.Equal("Start by Layla", saved.Text);
    }

    [Fact]
    public async Task A_page_too_far_behind_opens_the_text_again_and_keeps_what_it_typed_meanwhile()
    {
        var storyId = (await browser.App.Services.SendAsAsync("layla.haddad@newsroom.test",
            new CreateStory.Command($"live-{Guid.NewGuid():N}", "en", "Local", "Harbour fire", Body: "Start"))).StoryId;
        var page = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        // While cut off, the page hears no broadcasts and its pushes wait; then it learns it is far behind.
        var cutOff = true;
        var held = new List<Action>();
        var farPulls = 0;
        var written = false;
        var missed = 0;
        await page.RouteWebSocketAsync(new Regex("/hubs/collab"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                var text = frame.Text!;
                if (Volatile.Read(ref written) && text.Contains("\"target\":\"Pull\"", StringComparison.Ordinal)
                    && text.Contains("\"body\",0]", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref farPulls);
                }

                lock (held)
                {
                    if (cutOff && text.Contains("\"target\":\"TryPush\"", StringComparison.Ordinal))
                    {
                        held.Add(() => server.Send(text));
                        return;
                    }
                }

                server.Send(text);
            });
            server.OnMessage(frame =>
            {
                if (cutOff && frame.Text?.Contains("\"target\":\"Updates\"", StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref missed);
                    return;
                }

                ws.Send(frame.Text!);
            });
        });
        await BrowserFixture.OpenLiveAsync(page, storyId);
        await page.ClickAsync(".live-body .cm-content");
        await page.Keyboard.PressAsync("Control+Home");
        await page.Keyboard.TypeAsync("Layla: ", new KeyboardTypeOptions { Delay = 10 });
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("unsaved change");

        // A colleague writes far more than one catch-up carries, one keystroke an update.
        var joined = await browser.App.Services.SendAsAsync("samira.nasser@newsroom.test", new JoinText.Query(storyId, "body"));
        var length = joined.Text.Length;
        var updates = Enumerable.Range(0, 600).Select(i => new PushUpdates.PushedUpdate(
            "samira-script", System.Text.Json.JsonSerializer.SerializeToElement(new object[] { length + i, new object[] { 0, "y" } }))).ToList();
        await browser.App.Services.SendAsAsync("samira.nasser@newsroom.test", new PushUpdates.Command(storyId, "body", joined.Version, updates));
        Volatile.Write(ref written, true);
        // The broadcast goes out just after the commit: wait until the page has missed it.
        for (var wait = 0; Volatile.Read(ref missed) == 0 && wait < 100; wait++)
        {
            await Task.Delay(100);
        }

        Assert.True(Volatile.Read(ref missed) > 0);

        lock (held)
        {
            cutOff = false;
            held.ForEach(send => send());
            held.Clear();
        }

        // The page never asks for the whole history: it opens the text afresh, with its own words kept in it.
        var expected = "Layla: Start" + new string('y', 600);
        await Assertions.Expect(page.Locator(".live-body .cm-content")).ToHaveTextAsync(expected, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("all changes saved");
        Assert.Equal(0, farPulls);
        var saved = await browser.App.Services.SendAsAsync("samira.nasser@newsroom.test", new JoinText.Query(storyId, "body"));
        Assert.Equal(expected, saved.Text);
    }

    private static async Task SignInOnAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
