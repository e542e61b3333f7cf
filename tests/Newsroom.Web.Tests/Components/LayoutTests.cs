using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Components;

public sealed class LayoutTests(WebFixture web) : WebTest(web)
{
    [Theory]
    [InlineData("/account/login", "<html lang=\"en\" dir=\"ltr\">")]
    [InlineData("/account/login?culture=ar&ui-culture=ar", "<html lang=\"ar\" dir=\"rtl\">")]
    public async Task Pages_declare_utf8_and_take_lang_and_dir_from_the_culture(string path, string html)
    {
        var page = await Web.Anonymous().GetStringAsync(path);

        Assert.Contains("<meta charset=\"utf-8\"", page, StringComparison.Ordinal);
        Assert.Contains(html, page, StringComparison.Ordinal);
    }
}
