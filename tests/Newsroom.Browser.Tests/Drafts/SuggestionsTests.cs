using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Newsroom.Application.Features.Workflow;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Drafts;

[Collection(BrowserCollection.Name)]
public sealed class SuggestionsTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Panel = ".suggestions-panel";

    private const string Publish = ".workflow button[data-action=Publish]";

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_editor_suggests_in_Arabic_and_English_while_the_reporter_types_and_the_reporter_accepts_one_and_rejects_the_other()
    {
        var storyId = await browser.ArabicStoryAsync("نص البداية.\n\nThe last line.");
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(samira, storyId);

        await samira.ClickAsync(".suggest-toggle");
        await Assertions.Expect(samira.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await samira.ClickAsync(".live-body .cm-content");
        await samira.Keyboard.PressAsync("Control+Home");
        await samira.Keyboard.PressAsync("End");
        await layla.ClickAsync(".live-body .cm-content");
        await layla.Keyboard.PressAsync("Control+Home");
        // The editor proposes a word with its diacritics at the end of the first line, then a phrase at the end of
        // the body, while the reporter writes at the start of the same body.
        await Task.WhenAll(
            layla.Keyboard.TypeAsync("عاجل: ", new KeyboardTypeOptions { Delay = 20 }),
            TypeThenAsync(samira, " جَديدٌ", "Control+End", " Updated at noon."));

        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", "2");
        await Assertions.Expect(samira.Locator(Panel)).ToHaveAttributeAsync("data-count", "2");
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(layla) == await BrowserFixture.LiveTextAsync(samira));
        Assert.Equal("عاجل: نص البداية. جَديدٌ\n\nThe last line. Updated at noon.", await BrowserFixture.LiveTextAsync(layla));
        // Underlined on the reporter's page, the diacritics inside the same suggestion as their letters.
        await Assertions.Expect(layla.Locator(".live-body .suggested-insertion").Filter(new() { HasText = "جَديدٌ" })).ToHaveCountAsync(1);
        await Assertions.Expect(layla.Locator(".live-body .suggested-insertion[title='Samira Nasser suggests adding this']")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(layla.Locator($"{Panel} li").Filter(new() { HasText = "Samira Nasser" })).ToHaveCountAsync(2);

        // Approved with suggestions open, the story cannot be published, and the editor's page says why.
        await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(storyId));
        await browser.App.Services.SendAsAsync("admin@newsroom.test", new Approve.Command(storyId));
        await Assertions.Expect(samira.Locator("#why-Publish")).ToHaveTextAsync("Can't publish: 2 open suggestions.");
        await Assertions.Expect(samira.Locator(Publish)).ToBeDisabledAsync();

        // The panel and the toggles pass axe (no serious or critical violation). Colleagues' carets and avatars are
        // left out: their colours are the presence's, which axe finds too light for white names on some of them.
        var violations = new List<string>();
        foreach (var part in new[] { Panel, ".suggest-toggle", ".authors-toggle" })
        {
            violations.AddRange((await layla.Locator(part).RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").SelectMany(v => v.Nodes.Select(n => $"{v.Id}: {n.Target} {n.Html} {string.Join("; ", n.Any.Select(c => c.Message))}")));
        }

        Assert.Empty(violations);

        await layla.Locator($"{Panel} li").Filter(new() { HasText = "جَديدٌ" }).Locator("button[data-action=accept]").ClickAsync();
        await layla.Locator($"{Panel} li").Filter(new() { HasText = "Updated at noon." }).Locator("button[data-action=reject]").ClickAsync();

        const string expected = "عاجل: نص البداية. جَديدٌ\n\nThe last line.";
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(layla) == expected && await BrowserFixture.LiveTextAsync(samira) == expected);
        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", "0");
        await Assertions.Expect(samira.Locator(Panel)).ToHaveAttributeAsync("data-count", "0");
        await Assertions.Expect(samira.Locator(".live-body .suggested-insertion, .live-body .suggested-deletion")).ToHaveCountAsync(0);

        // Decided, the text went back to review; approved again, nothing holds publishing back.
        await browser.App.Services.SendAsAsync("admin@newsroom.test", new Approve.Command(storyId));
        await Assertions.Expect(samira.Locator(Publish)).ToBeEnabledAsync();
    }

    [Fact]
    public async Task In_suggest_mode_deleting_marks_the_text_struck_through_until_the_reporter_accepts_it()
    {
        var storyId = await browser.ArabicStoryAsync("الخبر العاجل مهم.");
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(samira, storyId);

        await samira.ClickAsync(".live-body .cm-content");
        await samira.Keyboard.PressAsync("Control+Alt+s");
        await Assertions.Expect(samira.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await samira.Keyboard.PressAsync("Control+End");
        for (var i = 0; i < " مهم.".Length; i++)
        {
            await samira.Keyboard.PressAsync("Backspace");
        }

        // Still in the text, struck through on both pages.
        await Assertions.Expect(layla.Locator(".live-body .suggested-deletion").Filter(new() { HasText = "مهم" })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", "1");
        Assert.Equal("الخبر العاجل مهم.", await BrowserFixture.LiveTextAsync(samira));

        await layla.Locator($"{Panel} li button[data-action=accept]").ClickAsync();
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(samira) == "الخبر العاجل" && await BrowserFixture.LiveTextAsync(layla) == "الخبر العاجل");
        await Assertions.Expect(samira.Locator(Panel)).ToHaveAttributeAsync("data-count", "0");

        // The choice is the person's and stays with them in this browser.
        await samira.ReloadAsync();
        await samira.WaitForSelectorAsync(".live-status[data-state=connected]");
        await Assertions.Expect(samira.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task A_suggest_only_story_in_review_turns_the_reporters_typing_into_suggestions_and_locks_the_toggle_until_it_leaves_review()
    {
        var storyId = await browser.ArabicStoryAsync("نص المراسلة.");
        await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(storyId));
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await Assertions.Expect(layla.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "false");

        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new SetSuggestOnly.Command(storyId, true));
        await Assertions.Expect(layla.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(layla.Locator(".suggest-toggle")).ToBeDisabledAsync();
        await layla.ClickAsync(".live-body .cm-content");
        await layla.Keyboard.PressAsync("Control+End");
        await layla.Keyboard.TypeAsync(" إضافة", new KeyboardTypeOptions { Delay = 20 });
        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(layla.Locator(".live-body .suggested-insertion")).ToHaveTextAsync(" إضافة");
        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("all changes saved");

        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new RequestChanges.Command(storyId, "Tighten the intro."));
        await Assertions.Expect(layla.Locator(".suggest-toggle")).ToBeEnabledAsync();
        await Assertions.Expect(layla.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
    }

    private static async Task TypeThenAsync(IPage page, string first, string key, string second)
    {
        await page.Keyboard.TypeAsync(first, new KeyboardTypeOptions { Delay = 20 });
        await page.Keyboard.PressAsync(key);
        await page.Keyboard.TypeAsync(second, new KeyboardTypeOptions { Delay = 20 });
    }
}
