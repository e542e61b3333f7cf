using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Dashboard;

public sealed class BoardEndpointTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task The_board_is_for_signed_in_staff()
    {
        using var reporter = await Web.ReporterAsync();

        var board = await reporter.GetFromJsonAsync<JsonElement>("/api/board?desk=Transport");
        using var anonymous = await Web.Anonymous().GetAsync("/api/board");
        using var page = await Web.Anonymous().GetAsync("/board");

        var cards = board.GetProperty("columns").EnumerateArray().SelectMany(c => c.GetProperty("cards").EnumerateArray()).ToList();
        Assert.Equal("night-bus-pilot-harbour", Assert.Single(cards).GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Only_an_administrator_makes_display_links_and_a_revoked_one_shows_nothing()
    {
        using var editor = await Web.EditorAsync();
        using var admin = await Web.AdminAsync();

        using var refused = await editor.PostAsJsonAsync("/api/display-links", new { name = "Newsdesk TV" });
        using var invalid = await admin.PostAsJsonAsync("/api/display-links", new { name = "" });
        using var created = await admin.PostAsJsonAsync("/api/display-links", new { name = "Newsdesk TV" });
        var link = await created.Content.ReadFromJsonAsync<JsonElement>();
        var path = link.GetProperty("path").GetString()!;
        var wall = await HtmlPage.GetAsync(Web.Anonymous(), path);
        using var revoked = await admin.PostAsync($"/api/display-links/{link.GetProperty("id").GetGuid()}/revoke", null);
        using var blank = await Web.Anonymous().GetAsync(path);
        using var madeUp = await Web.Anonymous().GetAsync("/wall/made-up");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("Newsdesk TV", wall.One(".wall-name").TextContent, StringComparison.Ordinal);
        Assert.NotNull(wall.Document.QuerySelector(".board-card[data-slug='old-souk-reopens']"));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        // A revoked or made-up link gets a plain page before any circuit starts (WallLinkTests has the details).
        Assert.Equal(HttpStatusCode.NotFound, blank.StatusCode);
        Assert.Contains("This wall screen link does not work", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("board-card", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
    }

    [Fact]
    public async Task Editors_raise_and_clear_the_breaking_news_banner_and_reporters_cannot()
    {
        using var reporter = await Web.ReporterAsync();
        using var editor = await Web.EditorAsync();

        using var refused = await reporter.PutAsJsonAsync("/api/breaking-news", new { text = "Scoop" });
        using var empty = await editor.PutAsJsonAsync("/api/breaking-news", new { text = "" });
        using var raised = await editor.PutAsJsonAsync("/api/breaking-news", new { text = "Fire at the harbour" });
        var up = await reporter.GetFromJsonAsync<JsonElement>("/api/board");
        using var cleared = await editor.DeleteAsync("/api/breaking-news");
        var down = await reporter.GetFromJsonAsync<JsonElement>("/api/board");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Write the breaking-news line, up to 200 characters.",
            (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal("Fire at the harbour", up.GetProperty("breaking").GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(JsonValueKind.Null, down.GetProperty("breaking").ValueKind);
    }

    [Fact]
    public async Task People_edit_only_their_own_bio_through_the_API()
    {
        using var reporter = await Web.ReporterAsync();
        using var admin = await Web.AdminAsync();
        var users = (await admin.GetFromJsonAsync<JsonElement[]>("/api/users"))!;
        var layla = users.Single(u => u.GetProperty("displayName").GetString() == "Layla Haddad").GetProperty("id").GetGuid();

        using var refused = await reporter.PutAsJsonAsync($"/api/users/{layla}/bio", new { bio = "Not mine to write" });
        using var allowed = await admin.PutAsJsonAsync($"/api/users/{layla}/bio", new { bio = "Layla covers city hall." });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
