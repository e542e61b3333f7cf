using Microsoft.Playwright;

namespace Newsroom.Browser.Tests.Drafts;

/// <summary>Undo and redo in suggest mode take back and put back suggestions, as suggestions, on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SuggestUndoTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Panel = ".suggestions-panel";
    private const string Body = "الخبر العاجل مهم.";

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Undo_takes_back_a_suggested_insertion_and_a_suggested_deletion_and_redo_puts_them_back_as_suggestions()
    {
        var storyId = await browser.ArabicStoryAsync(Body);
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(samira, storyId);
        await samira.ClickAsync(".live-body .cm-content");
        await samira.Keyboard.PressAsync("Control+Alt+s");
        await Assertions.Expect(samira.Locator(".suggest-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await samira.Keyboard.PressAsync("Control+End");

        await samira.Keyboard.TypeAsync(" now", new KeyboardTypeOptions { Delay = 15 });
        await Assertions.Expect(layla.Locator($"{Panel} li .what ins")).ToHaveTextAsync(" now");
        await ConfirmedAsync(samira);

        // Undo: the suggested text is gone, with no deletion mark left, on both pages.
        await samira.Keyboard.PressAsync("Control+z");
        await BothAsync(layla, samira, Body, suggestions: 0);
        await Assertions.Expect(layla.Locator(".live-body .suggested-insertion, .live-body .suggested-deletion")).ToHaveCountAsync(0);

        // Redo: back, as Samira's suggestion still, not as ordinary text.
        await samira.Keyboard.PressAsync("Control+y");
        await BothAsync(layla, samira, Body + " now", suggestions: 1);
        await Assertions.Expect(layla.Locator($"{Panel} li .what ins")).ToHaveTextAsync(" now");
        await Assertions.Expect(layla.Locator(".live-body .suggested-insertion[title='Samira Nasser suggests adding this']")).Not.ToHaveCountAsync(0);
        await ConfirmedAsync(samira);
        await samira.Keyboard.PressAsync("Control+z");
        await BothAsync(layla, samira, Body, suggestions: 0);

        // A suggested deletion: undo clears the mark, redo marks the text again.
        await samira.Keyboard.PressAsync("Control+End");
        for (var i = 0; i < "مهم.".Length; i++)
        {
            await samira.Keyboard.PressAsync("Backspace");
        }

        await Assertions.Expect(layla.Locator($"{Panel} li .what del")).ToHaveTextAsync("مهم.");
        await ConfirmedAsync(samira);
        await samira.Keyboard.PressAsync("Control+z");
        await BothAsync(layla, samira, Body, suggestions: 0);
        await Assertions.Expect(layla.Locator(".live-body .suggested-deletion")).ToHaveCountAsync(0);

        await samira.Keyboard.PressAsync("Control+y");
        await BothAsync(layla, samira, Body, suggestions: 1);
        await Assertions.Expect(layla.Locator($"{Panel} li .what del")).ToHaveTextAsync("مهم.");
        await Assertions.Expect(layla.Locator(".live-body .suggested-deletion[title='Samira Nasser suggests deleting this']")).Not.ToHaveCountAsync(0);
    }

    /// <summary>The server has named the person's suggestions (an unconfirmed one cannot be decided yet).</summary>
    private static async Task ConfirmedAsync(IPage page)
    {
        await Assertions.Expect(page.Locator($"{Panel} li[data-suggestion^='local-']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("all changes saved");
    }

    private static async Task BothAsync(IPage layla, IPage samira, string text, int suggestions)
    {
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(layla) == text && await BrowserFixture.LiveTextAsync(samira) == text);
        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", suggestions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(samira.Locator(Panel)).ToHaveAttributeAsync("data-count", suggestions.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
