using Microsoft.Playwright;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Drafts;

/// <summary>The author of a suggestion notes it in the side panel, and everyone in the story sees the note at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SuggestionNoteTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Panel = ".suggestions-panel";

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_suggester_adds_a_note_in_the_panel_a_too_long_one_is_refused_with_the_reason_and_the_reporter_sees_it_live()
    {
        var storyId = await browser.ArabicStoryAsync("الخبر العاجل مهم.");
        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new SuggestChange.Command(storyId, LiveFields.Body, 0, 0, "عاجل: ", null));
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(samira, storyId);
        await Assertions.Expect(layla.Locator(Panel)).ToHaveAttributeAsync("data-count", "1");

        // Only the suggestion's author is offered the form.
        await Assertions.Expect(layla.Locator($"{Panel} button[data-action=note]")).ToHaveCountAsync(0);
        await samira.Locator($"{Panel} button[data-action=note]").ClickAsync();
        var note = samira.GetByLabel("Note on your suggestion");
        await note.FillAsync(new string('x', PushLimits.MaxNoteLength + 1));
        await samira.GetByRole(AriaRole.Button, new() { Name = "Save the note" }).ClickAsync();
        await Assertions.Expect(samira.Locator($"{Panel} .note-form [role=alert]")).ToHaveTextAsync("A suggestion's note is at most 1,000 characters.");

        await note.FillAsync("كما ورد في المحضر");
        await samira.GetByRole(AriaRole.Button, new() { Name = "Save the note" }).ClickAsync();
        await Assertions.Expect(layla.Locator($"{Panel} li .note")).ToHaveTextAsync("كما ورد في المحضر");
        await Assertions.Expect(samira.Locator($"{Panel} li .note")).ToHaveTextAsync("كما ورد في المحضر");
        await Assertions.Expect(samira.Locator($"{Panel} .note-form")).ToHaveCountAsync(0);
        await Assertions.Expect(samira.Locator($"{Panel} button[data-action=note]")).ToHaveTextAsync("Edit the note");

        // Kept with the suggestion: a page opened afresh reads it from the server.
        await layla.ReloadAsync();
        await layla.WaitForSelectorAsync(".live-status[data-state=connected]");
        await Assertions.Expect(layla.Locator($"{Panel} li .note")).ToHaveTextAsync("كما ورد في المحضر");
    }
}
