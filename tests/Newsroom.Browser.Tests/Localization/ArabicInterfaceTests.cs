using Microsoft.Playwright;
using Newsroom.Application.Features.Drafts;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain.Text;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Localization;

/// <summary>
/// The seed article as a story, in the editor and in the diff view, with the interface in English and in Arabic:
/// screenshots in TestResults/screenshots, the computed direction of the key elements, nothing wider than its box.
/// The board and the readers' article page use the same helpers (<see cref="Surfaces"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ArabicInterfaceTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Samira = "samira.nasser@newsroom.test";

    /// <summary>The article after its credit and headline: Arabic with an English author bio at the end.</summary>
    private static readonly string Body = string.Join('\n', SeedArticle.Lines.Skip(4)).Trim();

    public static TheoryData<string> InterfaceLanguages => new() { "en", "ar" };

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(InterfaceLanguages))]
    public async Task The_seed_article_in_the_editor_reads_right_to_left_whatever_the_interface(string ui)
    {
        var storyId = await SeedStoryAsync(Body);
        var page = await SignInAsync(ui);

        await BrowserFixture.OpenLiveAsync(page, storyId);

        var server = TextMeasures.Measure(Body);
        await Assertions.Expect(page.Locator(".live-measure")).ToHaveAttributeAsync("data-words", server.Words.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator(".live-measure")).ToHaveAttributeAsync("data-budget-status", server.Against(600).ToString().ToLowerInvariant());
        await Surfaces.ExpectDocumentAsync(page, ui);
        var interfaceDirection = ui == "ar" ? "rtl" : "ltr";
        Assert.Equal(interfaceDirection, await Surfaces.DirectionAsync(page, ".topbar"));
        Assert.Equal(interfaceDirection, await Surfaces.DirectionAsync(page, ".workflow"));
        Assert.Equal(interfaceDirection, await Surfaces.DirectionAsync(page, ".live-measure"));
        Assert.Equal("rtl", await Surfaces.DirectionAsync(page, ".story-head h1"));
        Assert.Equal("rtl", await Surfaces.DirectionAsync(page, ".live-body .cm-content"));
        Assert.Equal("rtl", await Surfaces.DirectionAsync(page, ".live-headline .cm-content"));
        // The credit is Latin: its input, of unknown direction, takes it from the text.
        Assert.Equal("ltr", await page.EvalOnSelectorAsync<string>("#image-credit", "e => e.matches(':dir(ltr)') ? 'ltr' : 'rtl'"));
        // The English bio at the end of the Arabic body is a line of its own, left to right.
        // CodeMirror draws only the lines in view: bring the end of the body into view first.
        await page.Locator(".live-body").EvaluateAsync("e => e.scrollIntoView({ block: 'end' })");
        var bio = page.Locator(".live-body .cm-line", new() { HasTextString = "Ali Hussain is an award-winning" });
        Assert.Equal("ltr", await bio.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Empty(await Surfaces.OverflowingAsync(page, ".topbar", ".story-head", ".workflow", ".live-headline", ".live-body", ".live-measure", ".panel"));
        if (ui == "ar")
        {
            Assert.Empty(await Surfaces.EnglishLeftAsync(page));
        }

        await Surfaces.ScreenshotAsync(page, $"editor-{ui}");
    }

    [Theory]
    [MemberData(nameof(InterfaceLanguages))]
    public async Task Two_revisions_of_the_seed_article_compare_right_to_left_with_the_credit_isolated(string ui)
    {
        var draft = Body.Replace("بدقة تامة", "بدقة", StringComparison.Ordinal).Replace("ساعتين", "ثلاث ساعات", StringComparison.Ordinal);
        var storyId = await SeedStoryAsync(draft);
        var story = await browser.App.Services.SendAsAsync(Samira, new GetStory.Query(storyId));
        await browser.App.Services.SendAsAsync(Samira, new UpdateStory.Command(
            storyId, story.Version, story.Desk, story.Headline, story.Standfirst, $"{SeedArticle.Credit}\n{Body}"));
        var page = await SignInAsync(ui);
        await BrowserFixture.OpenLiveAsync(page, storyId);

        var ticks = page.Locator("table.compact tbody input[type=checkbox]");
        await ticks.Nth(0).CheckAsync();
        await ticks.Nth(1).CheckAsync();
        var body = page.Locator(".diff-field .diff").Last;
        await Assertions.Expect(body.Locator("ins").First).ToBeVisibleAsync();

        await Surfaces.ExpectDocumentAsync(page, ui);
        Assert.Equal("rtl", await body.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("ltr", await body.Locator("ins bdi[dir=ltr]").First.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("isolate", await body.Locator("ins bdi[dir=ltr]").First.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"));
        Assert.Equal(SeedArticle.Credit, await body.Locator("ins bdi[dir=ltr]").First.TextContentAsync());
        Assert.Contains("ثلاث ساعات", await body.Locator("del, ins").AllTextContentsAsync() is var changed ? string.Join(" ", changed) : "", StringComparison.Ordinal);
        Assert.Empty(await Surfaces.OverflowingAsync(page, ".topbar", ".workflow", ".diff-field", ".diff", "table.compact"));
        if (ui == "ar")
        {
            Assert.Empty(await Surfaces.EnglishLeftAsync(page));
        }

        await body.ScrollIntoViewIfNeededAsync();
        await Surfaces.ScreenshotAsync(page, $"diff-{ui}");
    }

    [Theory]
    [MemberData(nameof(InterfaceLanguages))]
    public async Task The_seed_article_on_the_board_is_a_right_to_left_card_in_a_board_that_follows_the_interface(string ui)
    {
        var storyId = await SeedStoryAsync(Body);
        var story = await browser.App.Services.SendAsAsync(Samira, new GetStory.Query(storyId));
        var page = await SignInAsync(ui);

        await page.GotoAsync("/board");
        // Once the circuit is live the prerendered board has been replaced: measure the elements that stay.
        await Assertions.Expect(page.Locator(".board-page")).ToHaveAttributeAsync("data-circuit", "live");
        var card = $".board-card[data-slug='{story.Slug}']";
        await Assertions.Expect(page.Locator(card)).ToBeVisibleAsync();

        await Surfaces.ExpectDocumentAsync(page, ui);
        var interfaceDirection = ui == "ar" ? "rtl" : "ltr";
        Assert.Equal(interfaceDirection, await DirectionAsync(page.Locator(".board-column").First));
        Assert.Equal(interfaceDirection, await DirectionAsync(page.Locator($"{card} .card-facts")));
        Assert.Equal(interfaceDirection, await DirectionAsync(page.Locator(".day-charts figcaption").First));
        Assert.Equal("rtl", await DirectionAsync(page.Locator($"{card} h3")));
        // The board counts words as the editor does (TextMeasures), written in the interface's numbers.
        var words = TextMeasures.Measure(Body).Words.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo(ui));
        Assert.Contains(words, await page.Locator($"{card} .words").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Empty(await Surfaces.OverflowingAsync(page, ".topbar", ".page-head", card, $"{card} h3", $"{card} .card-facts", ".day-charts figure"));
        if (ui == "ar")
        {
            Assert.Empty(await Surfaces.EnglishLeftAsync(page));
        }

        await page.Locator(card).ScrollIntoViewIfNeededAsync();
        await Surfaces.ScreenshotAsync(page, $"board-{ui}");
    }

    [Theory]
    [MemberData(nameof(InterfaceLanguages))]
    public async Task The_seed_article_on_the_readers_page_reads_right_to_left_with_its_chrome_in_the_interface_language(string ui)
    {
        var slug = $"seed-{Guid.NewGuid():N}";
        await browser.App.Services.PublishAsync(new CreateStory.Command(
            slug, "ar", "World", SeedArticle.Headline, Standfirst: "مكالمة مطولة", Body: $"{SeedArticle.Credit}\n{Body}", Tags: ["روسيا", "Ukraine"]));
        var page = await SignInAsync(ui);

        await page.GotoAsync($"/articles/{slug}");

        await Surfaces.ExpectDocumentAsync(page, ui);
        var interfaceDirection = ui == "ar" ? "rtl" : "ltr";
        Assert.Equal("rtl", await Surfaces.DirectionAsync(page, "article.article"));
        Assert.Equal("rtl", await Surfaces.DirectionAsync(page, "article.article h1"));
        Assert.Equal("rtl", await Surfaces.DirectionAsync(page, ".article-body"));
        Assert.Equal(interfaceDirection, await Surfaces.DirectionAsync(page, ".article-byline"));
        Assert.Equal(interfaceDirection, await Surfaces.DirectionAsync(page, ".site-head"));
        Assert.Equal(interfaceDirection, await Surfaces.DirectionAsync(page, ".comment-form"));
        Assert.Equal(ui, await page.Locator(".article-byline").GetAttributeAsync("lang"));
        var minutes = TextMeasures.Measure([SeedArticle.Headline, "مكالمة مطولة", $"{SeedArticle.Credit}\n{Body}"]).ReadingMinutes;
        Assert.Contains(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator(".reading-time").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Empty(await Surfaces.OverflowingAsync(page, ".site-head", "article.article", ".article-byline", "article.article h1", ".article-body", ".comment-form"));
        if (ui == "ar")
        {
            Assert.Empty(await Surfaces.EnglishLeftAsync(page));
        }

        await Surfaces.ScreenshotAsync(page, $"article-{ui}");
    }

    [Fact]
    public async Task With_Arabic_chosen_every_page_in_the_navigation_is_right_to_left_Arabic()
    {
        var page = await browser.SignInAsync("admin@newsroom.test", "Admin-demo-1");
        await page.GotoAsync("/");
        await ChooseArabicAsync(page);

        var links = await page.Locator(".topbar nav:not(.culture) a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(links.Length >= 5, string.Join(", ", links));
        Assert.Superset(new HashSet<string>(["board", "search", "comments/moderation"]), links.ToHashSet());
        foreach (var link in links.Concat(["stories/new", "board/screens", "profile"]))
        {
            await page.GotoAsync("/" + link);
            await page.WaitForSelectorAsync("main h1");
            await Surfaces.ExpectDocumentAsync(page, "ar");
            Assert.Equal("rtl", await Surfaces.DirectionAsync(page, "main"));
            Assert.Empty(await Surfaces.EnglishLeftAsync(page));
            Assert.Empty(await Surfaces.OverflowingAsync(page, ".topbar", "main"));
        }

        await page.GotoAsync("/");
        await Surfaces.ScreenshotAsync(page, "stories-ar");
    }

    [Fact]
    public async Task The_choice_is_kept_on_the_profile_and_follows_the_person_to_another_browser()
    {
        var page = await browser.SignInAsync(Samira, "Editor-demo-1");
        await page.GotoAsync("/");
        await ChooseArabicAsync(page);
        await WaitForCircuitAsync(page);
        await page.Locator(".culture a.digits").ClickAsync();
        await Assertions.Expect(page.Locator(".culture a.digits")).ToHaveAttributeAsync("data-digits", "arab");

        var elsewhere = await browser.SignInThroughFormAsync(Samira, "Editor-demo-1");

        await Surfaces.ExpectDocumentAsync(elsewhere, "ar");
        await Assertions.Expect(elsewhere.Locator(".culture a.digits")).ToHaveAttributeAsync("data-digits", "arab");
        await elsewhere.Locator(".culture a[lang=en]").ClickAsync();
        await Surfaces.ExpectDocumentAsync(elsewhere, "en");
    }

    private static Task<string> DirectionAsync(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).direction");

    // The header's link, clicked once the circuit is live, so the choice is also written to the profile and storage.
    private static async Task ChooseArabicAsync(IPage page)
    {
        await WaitForCircuitAsync(page);
        await page.Locator(".culture a[lang=ar]").ClickAsync();
        await Surfaces.ExpectDocumentAsync(page, "ar");
    }

    private static async Task WaitForCircuitAsync(IPage page)
    {
        // The notification bell only opens with a live circuit: once it does, clicks reach the server.
        await BrowserFixture.OpenBellAsync(page);
        await page.Locator(".bell-button").ClickAsync();
        await Assertions.Expect(page.Locator(".bell-menu")).ToBeHiddenAsync();
    }

    private async Task<IPage> SignInAsync(string ui)
    {
        var page = await browser.SignInAsync(Samira, "Editor-demo-1");
        await page.GotoAsync($"/culture?culture={ui}&returnUrl=/");
        await Surfaces.ExpectDocumentAsync(page, ui);
        return page;
    }

    private async Task<Guid> SeedStoryAsync(string body)
    {
        var created = await browser.App.Services.SendAsAsync("layla.haddad@newsroom.test", new CreateStory.Command(
            $"seed-{Guid.NewGuid():N}", "ar", "World", SeedArticle.Headline, Body: body,
            LeadImageUrl: "https://images.example.com/kremlin.jpg", LeadImageCaption: "الكرملين", LeadImageCredit: SeedArticle.Credit,
            Tags: ["روسيا", "Ukraine"], WordBudget: 600));
        return created.StoryId;
    }
}
