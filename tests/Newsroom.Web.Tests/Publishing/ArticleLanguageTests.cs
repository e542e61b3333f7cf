using Newsroom.Application.Features.Stories;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Publishing;

/// <summary>
/// An Arabic article reads as an Arabic page and an English one as an English page, labels, dates and form
/// included, unless the reader chose an interface language.
/// </summary>
public sealed class ArticleLanguageTests(WebFixture web) : WebTest(web)
{
    private async Task PublishBothAsync()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            "kremlin-call", "ar", "World", SeedArticle.Headline, Standfirst: "مكالمة مطولة", Body: SeedArticle.Text));
        await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            "night-buses", "en", "Transport", "Night buses for the harbour", Body: "Three routes will run until 4am."));
    }

    [Fact]
    public async Task With_no_choice_made_the_page_takes_the_articles_language_and_direction_even_over_the_browsers()
    {
        await PublishBothAsync();
        var browser = Web.Anonymous();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var arabic = await HtmlPage.GetAsync(browser, "/articles/kremlin-call");
        var english = await HtmlPage.GetAsync(Web.Anonymous(), "/articles/night-buses");

        Assert.Equal(("ar", "rtl"), (arabic.One("html").GetAttribute("lang"), arabic.One("html").GetAttribute("dir")));
        Assert.StartsWith("بقلم Layla Haddad", arabic.One(".article-byline .by").TextContent, StringComparison.Ordinal);
        Assert.Contains("نُشر", arabic.One(".article-byline").TextContent, StringComparison.Ordinal);
        Assert.Equal("التعليقات", arabic.One("#comments-title").TextContent);
        Assert.DoesNotContain("Published on", arabic.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Leave a comment", arabic.Html, StringComparison.Ordinal);

        Assert.Equal(("en", "ltr"), (english.One("html").GetAttribute("lang"), english.One("html").GetAttribute("dir")));
        Assert.StartsWith("By Layla Haddad", english.One(".article-byline .by").TextContent, StringComparison.Ordinal);
        Assert.Equal("Comments", english.One("#comments-title").TextContent);
    }

    [Fact]
    public async Task A_reader_who_chose_an_interface_language_keeps_it_on_every_article()
    {
        await PublishBothAsync();
        var english = Web.Anonymous();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var arabic = Web.Anonymous();
        arabic.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dar%7Cuic%3Dar");

        var arabicArticleInEnglish = await HtmlPage.GetAsync(english, "/articles/kremlin-call");
        var englishArticleInArabic = await HtmlPage.GetAsync(arabic, "/articles/night-buses");

        Assert.Equal("en", arabicArticleInEnglish.One("html").GetAttribute("lang"));
        Assert.Equal(("ar", "rtl"), (arabicArticleInEnglish.One("article").GetAttribute("lang"), arabicArticleInEnglish.One("article").GetAttribute("dir")));
        Assert.StartsWith("By Layla Haddad", arabicArticleInEnglish.One(".article-byline .by").TextContent, StringComparison.Ordinal);
        Assert.Equal(("ar", "rtl"), (englishArticleInArabic.One("html").GetAttribute("lang"), englishArticleInArabic.One("html").GetAttribute("dir")));
        Assert.Equal(("en", "ltr"), (englishArticleInArabic.One("article").GetAttribute("lang"), englishArticleInArabic.One("article").GetAttribute("dir")));
    }
}
