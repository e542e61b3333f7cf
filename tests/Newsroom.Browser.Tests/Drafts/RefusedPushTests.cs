using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Drafts;

/// <summary>
/// A push the server refuses for good never blocks its field (ADR-027): the page puts back what can be kept, says
/// why on the status line, and what is typed afterwards reaches the others. Provoked for real: the page's pushes are
/// held on the wire while the story changes under them, then let through to the real hub.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RefusedPushTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Panel = ".suggestions-panel";

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_plain_deletion_on_its_way_when_the_story_turns_suggest_only_comes_back_as_a_suggestion_and_typing_goes_on()
    {
        var storyId = await StoryAsync("The fire is out now", inReview: true);
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        var hold = await HoldPushesAsync(layla);
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(samira, storyId);

        // Layla deletes " now" plainly; her push waits on the wire while Samira makes the story suggest-only.
        await layla.ClickAsync(".live-body .cm-content");
        await layla.Keyboard.PressAsync("Control+End");
        for (var i = 0; i < " now".Length; i++)
        {
            await layla.Keyboard.PressAsync("Backspace");
        }

        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("unsaved change");
        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new SetSuggestOnly.Command(storyId, true));
        await Assertions.Expect(layla.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        hold.Release();

        // Refused push.suggest-only: the deletion comes back as a suggested deletion, and the status line says why.
        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("This story takes every edit as a suggestion now");
        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("Your unsaved edits were made again as suggestions.");
        await Assertions.Expect(samira.Locator(".live-body .suggested-deletion")).ToHaveTextAsync(" now");
        await Assertions.Expect(samira.Locator(Panel)).ToHaveAttributeAsync("data-count", "1");

        // The field is not blocked: what Layla types next reaches Samira's page.
        await TypeAtAsync(layla, "Control+Home", "Update: ");
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(samira) == "Update: The fire is out now");
        Assert.Equal(1, hold.Refused);
        Assert.Equal("Update: The fire is out now", await BrowserFixture.LiveTextAsync(layla));
    }

    [Fact]
    public async Task Removing_an_own_suggestion_the_reporter_accepted_meanwhile_becomes_a_suggested_deletion_and_typing_goes_on()
    {
        var storyId = await StoryAsync("The fire is out", inReview: false);
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        var hold = await HoldPushesAsync(samira);
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(samira, storyId);

        // Samira suggests " now", and it reaches Layla.
        hold.Release();
        await samira.ClickAsync(".live-body .cm-content");
        await samira.Keyboard.PressAsync("Control+Alt+s");
        await Assertions.Expect(samira.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await samira.Keyboard.PressAsync("Control+End");
        await samira.Keyboard.TypeAsync(" now", new KeyboardTypeOptions { Delay = 20 });
        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(samira.Locator(".live-status")).ToContainTextAsync("all changes saved");

        // She takes it back while her push waits on the wire, and Layla accepts it meanwhile.
        hold.Hold();
        for (var i = 0; i < " now".Length; i++)
        {
            await samira.Keyboard.PressAsync("Backspace");
        }

        await Assertions.Expect(samira.Locator(".live-status")).ToContainTextAsync("unsaved change");
        await BrowserFixture.WaitUntilAsync(() => Task.FromResult(hold.Waiting > 0));
        await layla.Locator($"{Panel} li button[data-action=accept]").ClickAsync();
        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", "0");
        hold.Release();

        // Refused push.suggestion-deletes-text: her removal is made again as her suggested deletion of the accepted text.
        await Assertions.Expect(samira.Locator(".live-status")).ToContainTextAsync("Your unsaved edits were made again as suggestions.");
        await Assertions.Expect(layla.Locator(".live-body .suggested-deletion")).ToHaveTextAsync(" now");
        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", "1");

        // The field is not blocked: what Samira types next reaches Layla's page.
        await TypeAtAsync(samira, "Control+Home", "Update: ");
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(layla) == "Update: The fire is out now");
        Assert.Equal(1, hold.Refused);
    }

    [Fact]
    public async Task Typing_on_its_way_when_the_story_is_published_is_offered_to_copy_and_never_sent_again()
    {
        var storyId = await StoryAsync("The fire is out", inReview: true);
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        await layla.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var hold = await HoldPushesAsync(layla);
        await BrowserFixture.OpenLiveAsync(layla, storyId);

        await TypeAtAsync(layla, "Control+End", " at last");
        await BrowserFixture.WaitUntilAsync(() => Task.FromResult(hold.Waiting > 0));
        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new Approve.Command(storyId));
        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new Publish.Command(storyId));
        hold.Release();

        // Nothing of it can go in a published story: the field shows the server's text, the status line says why,
        // and what was typed waits on the Copy button.
        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("Your unsaved edits could not be kept");
        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("published");
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(layla) == "The fire is out");
        await layla.GetByRole(AriaRole.Button, new() { Name = "Copy what was not kept" }).ClickAsync();
        Assert.Equal(" at last", await layla.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // Never sent again by itself (a page resending it would be refused again within seconds).
        await layla.WaitForTimeoutAsync(4_000);
        Assert.Equal(1, hold.Refused);
    }

    [Fact]
    public async Task Kept_edits_of_a_closed_page_refused_for_good_are_offered_to_copy_and_forgotten_instead_of_replayed_on_every_visit()
    {
        var storyId = await StoryAsync("The fire is out", inReview: true);
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var hold = await HoldPushesAsync(layla);
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await TypeAtAsync(layla, "Control+End", " at last");
        await BrowserFixture.WaitUntilAsync(() => Task.FromResult(hold.Waiting > 0));

        // Layla leaves with the edits only in her browser; the story is published meanwhile.
        await layla.GotoAsync("/board");
        hold.Forget();
        Assert.Equal(1, await KeptCountAsync(layla));
        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new Approve.Command(storyId));
        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new Publish.Command(storyId));
        await BrowserFixture.OpenLiveAsync(layla, storyId);

        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("Your unsaved edits could not be kept");
        await Assertions.Expect(layla.GetByRole(AriaRole.Button, new() { Name = "Copy what was not kept" })).ToBeVisibleAsync();
        Assert.Equal(0, await KeptCountAsync(layla));
        Assert.Equal(1, hold.Refused);
        Assert.Equal("The fire is out", await BrowserFixture.LiveTextAsync(layla));
    }

    private async Task<Guid> StoryAsync(string body, bool inReview)
    {
        var storyId = (await browser.App.Services.SendAsAsync(DemoNewsroom.Layla,
            new CreateStory.Command($"live-{Guid.NewGuid():N}", "en", "Local", "Harbour fire", Body: body))).StoryId;
        if (inReview)
        {
            await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(storyId));
        }

        return storyId;
    }

    /// <summary>Types <paramref name="text"/> into the body at the key's end of it (Control+Home or Control+End).</summary>
    private static async Task TypeAtAsync(IPage page, string end, string text)
    {
        await page.ClickAsync(".live-body .cm-content");
        await page.Keyboard.PressAsync(end);
        await page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = 20 });
    }

    private static Task<int> KeptCountAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('newsroom:pending:')).length");

    /// <summary>
    /// Holds the page's pushes (TryPush) on the wire until released, then lets them through to the real hub, and counts
    /// the standing refusals the hub answers them with.
    /// </summary>
    private static async Task<PushHold> HoldPushesAsync(IPage page)
    {
        var hold = new PushHold();
        await page.RouteWebSocketAsync(new Regex("/hubs/collab"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame => hold.Send(frame.Text!, server.Send));
            server.OnMessage(frame =>
            {
                if (frame.Text!.Contains("\"retry\":false", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref hold.RefusedCount);
                }

                ws.Send(frame.Text!);
            });
        });
        return hold;
    }

    private sealed class PushHold
    {
        private readonly List<Action> _held = [];
        private bool _holding = true;
        public int RefusedCount;

        public int Refused => Volatile.Read(ref RefusedCount);

        public int Waiting
        {
            get { lock (_held) { return _held.Count; } }
        }

        public void Send(string text, Action<string> send)
        {
            lock (_held)
            {
                if (_holding && text.Contains("\"target\":\"TryPush\"", StringComparison.Ordinal))
                {
                    _held.Add(() => send(text));
                    return;
                }
            }

            send(text);
        }

        public void Hold()
        {
            lock (_held) { _holding = true; }
        }

        /// <summary>Lets pushes through from now on and drops those held (their page has gone).</summary>
        public void Forget()
        {
            lock (_held)
            {
                _holding = false;
                _held.Clear();
            }
        }

        public void Release()
        {
            lock (_held)
            {
                _holding = false;
                _held.ForEach(send => send());
                _held.Clear();
            }
        }
    }
}
