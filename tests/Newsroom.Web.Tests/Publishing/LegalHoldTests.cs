using System.Net;
using System.Net.Http.Json;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Stories;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Publishing;

/// <summary>A legal hold on a published story takes it off every public surface at once, and lifting it puts it back.</summary>
public sealed class LegalHoldTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task A_held_published_story_answers_451_and_leaves_the_feeds_reader_search_and_the_authors_list_until_lifted()
    {
        var held = await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            "harbour-inquiry", "en", "Local", "Harbour inquiry names the contractor", Body: "The contractor denied every claim."));
        await Web.Factory.Services.PublishAsync(new CreateStory.Command(
            "night-buses", "en", "Transport", "Night buses return", Body: "Routes resume on Monday."));
        var layla = (await Web.SendAsAsync(DemoNewsroom.Layla, new Application.Features.Users.ListStaff.Query()))
            .Single(p => p.DisplayName == "Layla Haddad");
        using var editor = await Web.EditorAsync();
        await AssertOnEveryPublicSurfaceAsync(true);

        using var hold = await editor.PutAsJsonAsync($"/api/stories/{held}/legal-hold", new { onHold = true, reason = "Injunction served at 10:40" });
        Assert.Equal(HttpStatusCode.OK, hold.StatusCode);

        using var withheld = await Web.Anonymous().GetAsync("/articles/harbour-inquiry");
        var page = await withheld.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode)451, withheld.StatusCode);
        Assert.Contains("withheld for legal reasons", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour inquiry", page, StringComparison.Ordinal);
        Assert.DoesNotContain("contractor denied", page, StringComparison.Ordinal);
        await AssertOnEveryPublicSurfaceAsync(false);

        using var lift = await editor.PutAsJsonAsync($"/api/stories/{held}/legal-hold", new { onHold = false, reason = "Injunction discharged" });
        Assert.Equal(HttpStatusCode.OK, lift.StatusCode);
        await AssertOnEveryPublicSurfaceAsync(true);

        async Task AssertOnEveryPublicSurfaceAsync(bool shown)
        {
            var reader = Web.Anonymous();
            using var article = await reader.GetAsync("/articles/harbour-inquiry");
            Assert.Equal(shown ? HttpStatusCode.OK : (HttpStatusCode)451, article.StatusCode);
            var surfaces = new Dictionary<string, string>
            {
                ["/feeds/atom"] = await reader.GetStringAsync("/feeds/atom"),
                ["/feeds/desks/Local"] = await reader.GetStringAsync("/feeds/desks/Local"),
                [$"/feeds/authors/{layla.Id}"] = await reader.GetStringAsync($"/feeds/authors/{layla.Id}"),
                ["/articles"] = await reader.GetStringAsync("/articles"),
                ["/articles?q=contractor"] = await reader.GetStringAsync("/articles?q=contractor"),
                ["More from this author"] = (await HtmlPage.GetAsync(reader, "/articles/night-buses")).One("article.article").OuterHtml,
            };
            foreach (var (surface, text) in surfaces)
            {
                Assert.True(text.Contains("Harbour inquiry", StringComparison.Ordinal) == shown,
                    $"{surface} {(shown ? "lacks" : "still shows")} the held story");
            }
        }
    }

    [Fact]
    public async Task A_held_scheduled_story_says_why_it_waits_on_the_board_and_in_the_workspace()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("harbour-deal", "en", "Local", "Harbour deal signed"))).StoryId;
        await Web.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new Approve.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new SetEmbargo.Command(id, DateTimeOffset.UtcNow.AddHours(1)));
        await Web.SendAsAsync(DemoNewsroom.Samira, new Publish.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new SetLegalHold.Command(id, true, "Injunction served at 10:40"));
        using var editor = await Web.EditorAsync();

        var board = await HtmlPage.GetAsync(editor, "/board");
        var workspace = await HtmlPage.GetAsync(editor, $"/stories/{id}");

        var card = board.Document.QuerySelectorAll(".flag.legal-hold").Single(f => f.ParentElement!.TextContent.Contains("Harbour deal signed", StringComparison.Ordinal));
        Assert.Equal("Legal hold: Injunction served at 10:40", card.TextContent.Trim());
        Assert.Equal("Legal hold: Injunction served at 10:40", workspace.One(".flag.legal-hold").TextContent.Trim());
        Assert.Equal(StoryState.Scheduled, (await Web.SendAsAsync(DemoNewsroom.Samira, new GetStory.Query(id))).State);
    }
}
