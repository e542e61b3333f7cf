using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;
using Newsroom.Web.Localization;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Localization;

/// <summary>
/// Every page reachable from the navigation, as the server renders it with the interface set to Arabic: right to
/// left, in Arabic, and with no interface string left in English. (The browser tests look at the same pages live.)
/// </summary>
public sealed class ArabicInterfaceTests(WebFixture web) : WebTest(web)
{
    private static readonly string[] LabelAttributes = ["aria-label", "placeholder", "title"];

    private const string ArabicCookie = ".AspNetCore.Culture=c%3Dar%7Cuic%3Dar";

    public static TheoryData<string> NavigationPages => new()
    {
        "/", "/stories?view=mine", "/stories?view=reviewqueue", "/audit", "/users", "/stories/new", "/account/login", "/not-found",
        "/board", "/board/screens", "/search", "/search?q=%D8%A7%D9%84%D9%85%D9%8A%D9%86%D8%A7%D8%A1", "/comments/moderation", "/profile",
    };

    [Theory]
    [MemberData(nameof(NavigationPages))]
    public async Task A_page_from_the_navigation_is_right_to_left_Arabic_with_no_English_interface_string(string path)
    {
        var html = await ArabicPageAsync(path);

        AssertArabic(html, path);
    }

    [Fact]
    public async Task A_story_workspace_is_right_to_left_Arabic_with_no_English_interface_string()
    {
        var story = (await Web.SendAsAsync("admin@newsroom.test", new ListStories.Query())).First(s => s.Language == "ar");

        var html = await ArabicPageAsync($"/stories/{story.Id}");

        AssertArabic(html, "workspace");
        Assert.Contains("الكلمات:", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "rtl", "بقلم", "مدة القراءة:")]
    [InlineData("en", "ltr", "By", "Reading time:")]
    public async Task An_Arabic_article_keeps_its_direction_and_its_chrome_follows_the_interface(string ui, string dir, string by, string reading)
    {
        var slug = $"l10n-{ui}-{Guid.NewGuid():N}"[..20];
        await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            slug, "ar", "World", SeedArticle.Headline, Standfirst: "مكالمة مطولة", Body: SeedArticle.Text));
        var client = Web.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3D{ui}%7Cuic%3D{ui}");

        var html = await client.GetStringAsync($"/articles/{slug}");

        var document = new HtmlParser().ParseDocument(html);
        var article = document.QuerySelector("article.article")!;
        var byline = document.QuerySelector(".article-byline")!;
        Assert.Equal(("ar", "rtl"), (article.GetAttribute("lang"), article.GetAttribute("dir")));
        Assert.Equal((ui, dir), (byline.GetAttribute("lang"), byline.GetAttribute("dir")));
        Assert.StartsWith(by, byline.QuerySelector(".by")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(reading, byline.QuerySelector(".reading-time")!.TextContent, StringComparison.Ordinal);
        if (ui == "ar")
        {
            AssertArabic(html, "article");
        }
    }

    [Fact]
    public async Task Arabic_Indic_digits_are_a_setting()
    {
        var story = (await Web.SendAsAsync("admin@newsroom.test", new ListStories.Query())).First(s => s.Language == "ar");
        var client = await Web.ClientForAsync("admin@newsroom.test", "Admin-demo-1");

        client.DefaultRequestHeaders.Add("Cookie", $"{ArabicCookie}; {InterfaceCulture.DigitsCookie}=arab");
        var arab = WebUtility.HtmlDecode(await client.GetStringAsync($"/stories/{story.Id}"));
        client.DefaultRequestHeaders.Remove("Cookie");
        client.DefaultRequestHeaders.Add("Cookie", $"{ArabicCookie}; {InterfaceCulture.DigitsCookie}=latn");
        var latn = WebUtility.HtmlDecode(await client.GetStringAsync($"/stories/{story.Id}"));

        Assert.Contains("المراجعة ١", arab, StringComparison.Ordinal);
        Assert.Contains("المراجعة 1", latn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_a_language_sets_the_cookies_and_goes_back_only_to_a_local_page()
    {
        var response = await Web.Anonymous().GetAsync("/culture?culture=ar&digits=arab&returnUrl=%2Faccount%2Flogin");
        var offsite = await Web.Anonymous().GetAsync("/culture?culture=en&returnUrl=%2F%2Fevil.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(ArabicCookie, StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith($"{InterfaceCulture.DigitsCookie}=arab", StringComparison.Ordinal));
        Assert.Equal("/", offsite.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/culture?culture=fr", "'fr' is not a language Newsroom speaks")]
    [InlineData("/culture?culture=ar&digits=roman", "'roman' is not a numbering Newsroom writes")]
    public async Task An_unknown_language_or_numbering_is_refused_and_sets_nothing(string path, string message)
    {
        var response = await Web.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private async Task<string> ArabicPageAsync(string path)
    {
        // Accounts are for admins; a new story is for reporters and editors.
        var client = path is "/users" or "/board/screens"
            ? await Web.ClientForAsync("admin@newsroom.test", "Admin-demo-1")
            : await Web.ClientForAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        client.DefaultRequestHeaders.Add("Cookie", ArabicCookie);
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The page declares Arabic, right to left, and no text node or label on it is an English interface string (one
    /// whose Arabic differs). Story text, names and e-mail addresses are the people's own and may be in any language.
    /// </summary>
    private static void AssertArabic(string html, string page)
    {
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(("ar", "rtl"), (document.DocumentElement.GetAttribute("lang"), document.DocumentElement.GetAttribute("dir")));

        var english = UiTextResources.English.Values
            .Where(v => v.Any(char.IsAsciiLetter) && UiTextResources.Arabic.GetValueOrDefault(v) != v)
            .ToHashSet();
        var body = document.Body!;
        var shown = body.GetDescendants().OfType<IText>()
            .Where(t => t.ParentElement?.LocalName is not ("script" or "style"))
            .Select(t => t.Text.Trim())
            .Concat(document.All.SelectMany(e => LabelAttributes.Select(a => e.GetAttribute(a)?.Trim())))
            .OfType<string>()
            .Where(s => s.Length > 0);
        Assert.Empty(shown.Where(english.Contains).Select(s => $"{page}: {s}"));
        Assert.Contains(body.TextContent, c => c is >= '\u0600' and <= '\u06FF');
    }
}
