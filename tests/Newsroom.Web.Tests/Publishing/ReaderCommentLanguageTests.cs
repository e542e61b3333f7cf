using Newsroom.Application.Features.Stories;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Publishing;

/// <summary>The reader's comment form says what is wrong in the interface's language, the limit's number included.</summary>
public sealed class ReaderCommentLanguageTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task An_English_article_read_in_the_Arabic_interface_shows_its_field_errors_in_Arabic_a_name_too_long_with_its_limit()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command("souk", "en", "Local", "The old souk"));
        var reader = Web.Anonymous();
        reader.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dar%7Cuic%3Dar");
        var page = await HtmlPage.GetAsync(reader, "/articles/souk");

        using var posted = await page.SubmitAsync(reader, "form.comment-form",
            new Dictionary<string, string> { ["comment-body"] = "تعليق", ["comment-name"] = new string('م', 101) }, "/articles/souk");

        var shown = await HtmlPage.ReadAsync(posted);
        Assert.Equal(["الحد الأقصى لعدد أحرف الاسم 100.", "بريدك الإلكتروني مطلوب (لا يُعرض أبدًا)."],
            shown.Document.QuerySelectorAll(".comment-form .validation-message").Select(m => m.TextContent).Order());
    }
}
