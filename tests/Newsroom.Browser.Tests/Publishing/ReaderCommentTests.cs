using Microsoft.Playwright;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Publishing;

[Collection(BrowserCollection.Name)]
public sealed class ReaderCommentTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_readers_comment_waits_for_an_editor_on_the_moderation_page_then_shows_without_the_email()
    {
        await browser.App.Services.PublishAsync(new CreateStory.Command("souk", "en", "Local", "The old souk reopens"));
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var reader = await context.NewPageAsync();
        await reader.GotoAsync("/articles/souk");

        await reader.FillAsync("#comment-body", "<b>Thanks</b> for the report");
        await reader.FillAsync("#comment-name", "Mona Saleh");
        await reader.FillAsync("#comment-email", "mona.private@example.org");
        await reader.ClickAsync("text=Post comment");
        await Assertions.Expect(reader.Locator("#comments [role=status]")).ToContainTextAsync("held for moderation");

        var editor = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await editor.GotoAsync("/comments/moderation");
        await editor.WaitForSelectorAsync("[data-circuit=live]");
        await Assertions.Expect(editor.Locator(".moderation-list")).ToContainTextAsync("mona.private@example.org");
        await editor.ClickAsync("[aria-label='Approve comment by Mona Saleh']");
        await Assertions.Expect(editor.Locator(".moderation-list")).ToHaveCountAsync(0);

        await reader.GotoAsync("/articles/souk");
        await Assertions.Expect(reader.Locator(".reader-comment .comment-text")).ToHaveTextAsync("<b>Thanks</b> for the report");
        Assert.Equal(0, await reader.Locator(".reader-comment b").CountAsync());
        Assert.DoesNotContain("mona.private", await reader.ContentAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
