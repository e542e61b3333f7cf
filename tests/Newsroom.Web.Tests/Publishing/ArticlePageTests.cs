using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Publishing;

public sealed partial class ArticlePageTests(WebFixture web) : WebTest(web)
{
    private static readonly Dictionary<string, string> Comment = new()
    {
        ["comment-name"] = "Mona Saleh",
        ["comment-email"] = "mona.private@example.org",
        ["comment-body"] = "شكراً على هذا التقرير.",
    };

    [Fact]
    public async Task An_Arabic_article_reads_right_to_left_with_its_credit_bios_OpenGraph_and_JSON_LD()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            "kremlin-call", "ar", "World", SeedArticle.Headline, Standfirst: "مكالمة مطولة", Body: SeedArticle.Text,
            LeadImageUrl: "https://images.example.org/kremlin.jpg", LeadImageCaption: "الكرملين", LeadImageCredit: SeedArticle.Credit));

        var page = await HtmlPage.GetAsync(Web.Anonymous(), "/articles/kremlin-call");

        var article = page.One("article.article");
        Assert.Equal(("ar", "rtl"), (article.GetAttribute("lang"), article.GetAttribute("dir")));
        Assert.Equal(SeedArticle.Headline, page.One("article h1").TextContent);
        Assert.Contains("gettyimages 2230342714", page.One(".lead-image .credit").TextContent, StringComparison.Ordinal);
        Assert.Contains("Layla Haddad covers city hall", page.One(".authors").TextContent, StringComparison.Ordinal);
        Assert.Equal(SeedArticle.Headline, page.One("meta[property='og:title']").GetAttribute("content"));
        Assert.Equal("article", page.One("meta[property='og:type']").GetAttribute("content"));
        var jsonLd = JsonDocument.Parse(page.One("script[type='application/ld+json']").TextContent).RootElement;
        Assert.Equal(("NewsArticle", SeedArticle.Headline, "ar"),
            (jsonLd.GetProperty("@type").GetString(), jsonLd.GetProperty("headline").GetString(), jsonLd.GetProperty("inLanguage").GetString()));
        Assert.Equal("Layla Haddad", jsonLd.GetProperty("author")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Arabic_is_written_as_UTF_8_in_the_text_the_attributes_and_the_JSON_LD_not_as_character_references()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            "kremlin-call", "ar", "World", SeedArticle.Headline, Standfirst: "مكالمة مطولة", Body: SeedArticle.Text));

        using var response = await Web.Anonymous().GetAsync("/articles/kremlin-call");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet, ignoreCase: true);
        var headline = System.Text.Encoding.UTF8.GetBytes(SeedArticle.Headline);
        var html = System.Text.Encoding.UTF8.GetString(bytes);
        // <title>, <h1>, og:title, the description's standfirst and the JSON-LD headline: each as itself.
        Assert.True(Occurrences(bytes, headline) >= 4, $"the headline's UTF-8 bytes appear {Occurrences(bytes, headline)} times");
        Assert.Contains($"content=\"{SeedArticle.Headline}\"", html, StringComparison.Ordinal);
        Assert.Contains($"\"headline\":\"{SeedArticle.Headline}\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("&#x6[0-9A-F]{2};|\\\\u06[0-9A-F]{2}", html);
    }

    private static int Occurrences(byte[] haystack, byte[] needle)
    {
        var count = 0;
        for (var at = haystack.AsSpan().IndexOf(needle); at >= 0; at = haystack.AsSpan(at + 1).IndexOf(needle) is var next and >= 0 ? at + 1 + next : -1)
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Drafts_and_unknown_slugs_are_404_to_readers()
    {
        using var draft = await Web.Anonymous().GetAsync("/articles/old-souk-reopens");
        using var unknown = await Web.Anonymous().GetAsync("/articles/no-such-story");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (draft.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task Payloads_in_every_field_are_text_on_the_page_never_markup()
    {
        const string script = "<script>window.pwned=1</script>";
        const string handler = "<img src=x onerror=\"window.pwned=1\">";
        var payload = $"{script}{handler}";
        var layla = await Web.SendAsAsync(DemoNewsroom.Layla, new Application.Features.Users.ListStaff.Query());
        await Web.SendAsAsync("admin@newsroom.test", new Application.Features.Users.UpdateBio.Command(
            layla.Single(p => p.DisplayName == "Layla Haddad").Id, payload));
        await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            "payloads", "en", $"D {handler}", $"Headline {payload}", Standfirst: $"Standfirst {payload}",
            Body: $"Body {payload}\n\n[link](javascript:window.pwned=1) <svg onload=window.pwned=1>",
            LeadImageUrl: "https://images.example.org/x.jpg", LeadImageCaption: $"Caption {payload}", LeadImageCredit: $"Credit {payload}",
            Tags: [script, handler]));

        var page = await HtmlPage.GetAsync(Web.Anonymous(), "/articles/payloads");

        Assert.All(page.Document.Scripts, s => Assert.True(
            s.Source is { Length: > 0 } || s.Type is "application/ld+json" or "importmap", $"An inline script made it onto the page: {s.OuterHtml}"));
        Assert.DoesNotContain(page.Document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(page.Document.QuerySelectorAll(".article-body img, svg, iframe, a[href^='javascript']"));
        Assert.Single(page.Document.Images);
        Assert.Contains($"Headline {payload}", page.One("article h1").TextContent, StringComparison.Ordinal);
        var inline = InlineScript().Match(page.Html);
        Assert.False(inline.Success, inline.Success ? page.Html[Math.Max(0, inline.Index - 200)..Math.Min(page.Html.Length, inline.Index + 200)] : "");
    }

    [Fact]
    public async Task A_reader_comment_is_held_then_approved_by_an_editor_then_shown_and_the_email_never_appears()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command("souk", "ar", "Local", "السوق القديم"));
        var reader = Web.Anonymous();
        var page = await HtmlPage.GetAsync(reader, "/articles/souk");
        Assert.Equal(3, page.Document.QuerySelectorAll("form.comment-form label .required").Length);

        using var posted = await page.SubmitAsync(reader, "form.comment-form", Comment, "/articles/souk");
        var afterPost = await HtmlPage.ReadAsync(posted);
        // An Arabic article: the page, its form and its thanks are in Arabic for a reader who has not chosen.
        Assert.Contains("بانتظار الإشراف", afterPost.One("#comments [role=status]").TextContent, StringComparison.Ordinal);
        var before = await HtmlPage.GetAsync(Web.Anonymous(), "/articles/souk");
        Assert.DoesNotContain(Comment["comment-body"], before.Html, StringComparison.Ordinal);

        using var reporter = await Web.ReporterAsync();
        using var editor = await Web.EditorAsync();
        using var reporterList = await reporter.GetAsync("/api/reader-comments");
        Assert.Equal(HttpStatusCode.Forbidden, reporterList.StatusCode);
        var held = Assert.Single((await editor.GetFromJsonAsync<JsonElement[]>("/api/reader-comments"))!);
        Assert.Equal("mona.private@example.org", held.GetProperty("email").GetString());
        var id = held.GetProperty("id").GetGuid();
        using var invalid = await editor.PostAsJsonAsync($"/api/reader-comments/{id}/moderate", new { status = "Held" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var approved = await editor.PostAsJsonAsync($"/api/reader-comments/{id}/moderate", new { status = "Approved" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var after = await HtmlPage.GetAsync(Web.Anonymous(), "/articles/souk");
        Assert.Equal(Comment["comment-body"], after.One(".reader-comment .comment-text").TextContent);
        Assert.Contains("Mona Saleh", after.One(".reader-comment").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("mona.private", after.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_comment_without_name_or_email_is_refused_with_messages_and_nothing_is_kept()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command("souk", "ar", "Local", "السوق القديم"));
        var reader = Web.Anonymous();
        var page = await HtmlPage.GetAsync(reader, "/articles/souk");

        using var posted = await page.SubmitAsync(reader, "form.comment-form",
            new Dictionary<string, string> { ["comment-body"] = "No name given" }, "/articles/souk");

        var shown = await HtmlPage.ReadAsync(posted);
        // An Arabic article is an Arabic page for a reader who chose no language (ADR-013), its field errors too.
        Assert.Equal(["اسمك مطلوب.", "بريدك الإلكتروني مطلوب (لا يُعرض أبدًا)."],
            shown.Document.QuerySelectorAll(".comment-form .validation-message").Select(m => m.TextContent).Order());
        await using var db = Web.Database.CreateContext();
        Assert.Empty(await db.ReaderComments.ToListAsync());
    }

    [Fact]
    public async Task The_honeypot_keeps_nothing_and_too_many_comments_from_one_address_get_429()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command("souk", "ar", "Local", "السوق القديم"));
        await using var limited = Web.Factory.WithWebHostBuilder(host => host
            .UseSetting("ReaderComments:PermitLimit", "2")
            .UseSetting("ReaderComments:WindowSeconds", "3600"));
        var bot = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await HtmlPage.GetAsync(bot, "/articles/souk");

        using var first = await page.SubmitAsync(bot, "form.comment-form", new Dictionary<string, string>(Comment) { ["comment-website"] = "https://spam.example" }, "/articles/souk");
        using var second = await page.SubmitAsync(bot, "form.comment-form", Comment, "/articles/souk");
        using var third = await page.SubmitAsync(bot, "form.comment-form", Comment, "/articles/souk");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode, third.StatusCode));
        Assert.Contains("Too many comments", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = Web.Database.CreateContext();
        Assert.Equal(1, await db.ReaderComments.CountAsync());
    }

    [Fact]
    public async Task A_preview_link_shows_a_draft_to_the_newsroom_only()
    {
        using var reporter = await Web.ReporterAsync();
        var draft = (await reporter.GetFromJsonAsync<JsonElement[]>("/api/stories"))!.Single(s => s.GetProperty("slug").GetString() == "night-bus-pilot-harbour");

        using var made = await reporter.PostAsync($"/api/stories/{draft.GetProperty("id").GetGuid()}/preview-link", null);
        var url = new Uri((await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        var preview = await HtmlPage.GetAsync(reporter, url.PathAndQuery);
        using var signedOut = await Web.Anonymous().GetAsync(url.PathAndQuery);
        var forged = await HtmlPage.GetAsync(reporter, "/articles/night-bus-pilot-harbour/preview?token=forged");

        Assert.Equal("Council backs night bus pilot for the harbour district", preview.One("article h1").TextContent);
        Assert.Equal("noindex, nofollow", preview.One("meta[name=robots]").GetAttribute("content"));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/login", signedOut.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("expired or is not valid", forged.One("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    // An inline <script> that is not the JSON-LD block or the framework's import map: story text must never produce one.
    [GeneratedRegex("<script(?![^>]*(src=|application/ld|importmap))", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
