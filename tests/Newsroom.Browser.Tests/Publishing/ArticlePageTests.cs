using Microsoft.Playwright;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Publishing;

[Collection(BrowserCollection.Name)]
public sealed class ArticlePageTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Script = "<script>window.pwned = 'script'</script>";
    private const string Handler = "<img src=x onerror=\"window.pwned = 'onerror'\">";

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_Arabic_article_is_laid_out_right_to_left()
    {
        await browser.App.Services.PublishAsync(new CreateStory.Command(
            "kremlin-call", "ar", "World", SeedArticle.Headline, Body: SeedArticle.Text, LeadImageCredit: SeedArticle.Credit));
        var page = await ReaderAsync();

        await page.GotoAsync("/articles/kremlin-call");

        await Assertions.Expect(page.Locator("article.article")).ToHaveAttributeAsync("dir", "rtl");
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.article-body p')).direction"));
        await Assertions.Expect(page.Locator("article h1")).ToHaveTextAsync(SeedArticle.Headline);
    }

    [Fact]
    public async Task Script_and_onerror_payloads_in_every_field_run_nowhere_and_show_as_text()
    {
        var payload = Script + Handler;
        var staff = await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new Application.Features.Users.ListStaff.Query());
        await browser.App.Services.SendAsAsync("admin@newsroom.test", new Application.Features.Users.UpdateBio.Command(
            staff.Single(p => p.DisplayName == "Layla Haddad").Id, payload));
        await browser.App.Services.PublishAsync(new CreateStory.Command(
            "payloads", "en", $"D {Handler}", $"Headline {payload}", Standfirst: $"Standfirst {payload}",
            Body: $"Body {payload}\n\n[link](javascript:window.pwned='link')",
            LeadImageUrl: "https://images.example.org/x.jpg", LeadImageCaption: $"Caption {payload}", LeadImageCredit: $"Credit {payload}",
            Tags: [Script, Handler]));
        var page = await ReaderAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => dialogs++;

        await page.GotoAsync("/articles/payloads");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Null(await page.EvaluateAsync<string?>("() => window.pwned ?? null"));
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"));
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "() => [...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json' && s.type !== 'importmap').length"));
        await Assertions.Expect(page.Locator("article h1")).ToHaveTextAsync($"Headline {payload}");
        await Assertions.Expect(page.Locator(".article-body")).ToContainTextAsync(Script);
        await Assertions.Expect(page.Locator(".authors")).ToContainTextAsync(Handler);
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("en", "ltr")]
    public async Task A_reader_who_has_not_chosen_reads_the_whole_page_in_the_articles_language(string language, string direction)
    {
        var (headline, body) = language == "ar"
            ? (SeedArticle.Headline, SeedArticle.Text)
            : ("Council backs night bus pilot for the harbour district", "The city council voted 31 to 9 on Tuesday to fund a night bus pilot.");
        await browser.App.Services.PublishAsync(new CreateStory.Command(
            $"reader-{language}", language, "World", headline, Standfirst: language == "ar" ? "مكالمة مطولة" : "Three routes until 4am", Body: body));
        var page = await ReaderAsync();

        await page.GotoAsync($"/articles/reader-{language}");

        await Localization.Surfaces.ExpectDocumentAsync(page, language);
        foreach (var part in new[] { ".site-head", ".article-byline", ".comment-form", "article.article h1" })
        {
            Assert.Equal(direction, await Localization.Surfaces.DirectionAsync(page, part));
        }

        Assert.Equal(language == "ar" ? "بقلم Layla Haddad" : "By Layla Haddad", (await page.Locator(".article-byline .by").TextContentAsync())?.Trim());
        if (language == "ar")
        {
            Assert.Empty(await Localization.Surfaces.EnglishLeftAsync(page));
        }

        Assert.Empty(await Localization.Surfaces.OverflowingAsync(page, ".site-head", "article.article", ".article-byline", ".comment-form"));
        await Localization.Surfaces.ScreenshotAsync(page, $"article-reader-{language}");
    }

    private async Task<IPage> ReaderAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }
}
