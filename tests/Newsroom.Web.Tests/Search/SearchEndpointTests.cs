using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Search;

public sealed class SearchEndpointTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task Staff_search_every_story_and_readers_only_published_ones_with_matches_marked()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            "hospital", "ar", "Local", "نقل المصابين إلى مستشفى المدينة", Body: "وعادت الكـــهرباء."));
        using var reporter = await Web.ReporterAsync();

        var staff = await reporter.GetFromJsonAsync<JsonElement[]>("/api/search?q=" + Uri.EscapeDataString("السوق"));
        var readers = await HtmlPage.GetAsync(Web.Anonymous(), "/articles?q=" + Uri.EscapeDataString("السوق"));
        var folded = await HtmlPage.GetAsync(Web.Anonymous(), "/articles?q=" + Uri.EscapeDataString("المستشفي"));

        Assert.Equal("old-souk-reopens", Assert.Single(staff!).GetProperty("slug").GetString());
        Assert.Null(readers.Document.QuerySelector(".search-results"));
        var hit = folded.One(".search-results li[data-slug='hospital']");
        Assert.Equal("rtl", hit.QuerySelector(".snippet")!.GetAttribute("dir"));
        Assert.Equal("مستشفي", hit.QuerySelector(".snippet mark")!.TextContent);
    }

    [Fact]
    public async Task An_empty_query_is_a_bad_request_and_signed_out_callers_use_the_site_search()
    {
        using var reporter = await Web.ReporterAsync();

        using var empty = await reporter.GetAsync("/api/search?q=");
        using var anonymous = await Web.Anonymous().GetAsync("/api/search?q=fire");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Type something to search for.",
            (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
