using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Newsroom.Domain;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Dashboard;

/// <summary>Wall links that expire and cover one desk, and what a wrong one gets.</summary>
public sealed class WallLinkTests(WebFixture web) : WebTest(web)
{
    [Theory]
    [InlineData("/wall/not-a-real-token")]
    [InlineData("/wall/not-a-real-token?view=board")]
    public async Task A_wrong_token_gets_a_plain_page_with_no_live_circuit(string path)
    {
        using var response = await Web.Anonymous().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This wall screen link does not work", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_expired_link_stops_opening_its_screen()
    {
        using var admin = await Web.AdminAsync();
        using var created = await admin.PostAsJsonAsync("/api/display-links",
            new { name = "Lobby TV", expiresAt = DateTimeOffset.UtcNow.AddHours(8) });
        var link = await created.Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/wall/{link.GetProperty("token").GetString()}";

        using var open = await Web.Anonymous().GetAsync(path);
        await using (var db = Web.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE display_links SET expires_at = now() - interval '1 minute' WHERE id = {link.GetProperty("id").GetGuid()}");
        }

        using var expired = await Web.Anonymous().GetAsync(path);
        var refused = await Assert.ThrowsAsync<RefusedException>(() =>
            Web.SendAsAsync("admin@newsroom.test", new GetWallScreen.Query(link.GetProperty("token").GetString()!)));

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal("not-allowed.display-link", refused.Refusal.Code);
    }

    [Fact]
    public async Task A_link_made_for_one_desk_shows_only_that_desk()
    {
        using var admin = await Web.AdminAsync();
        using var created = await admin.PostAsJsonAsync("/api/display-links", new { name = "Transport desk TV", desk = "Transport" });
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var screen = await Web.SendAsAsync("admin@newsroom.test", new GetWallScreen.Query(token));
        var everyDesk = await Web.SendAsAsync("admin@newsroom.test", new GetNewsroomBoard.Query(null));

        var cards = screen.Board.Columns.SelectMany(c => c.Cards).ToList();
        Assert.NotEmpty(cards);
        Assert.All(cards, card => Assert.Equal("Transport", card.Desk));
        Assert.Contains(everyDesk.Columns.SelectMany(c => c.Cards), card => card.Desk != "Transport");
    }

    [Fact]
    public async Task An_expiry_in_the_past_is_refused()
    {
        using var admin = await Web.AdminAsync();

        using var created = await admin.PostAsJsonAsync("/api/display-links", new { name = "Old TV", expiresAt = DateTimeOffset.UtcNow.AddHours(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("expiry must be in the future", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
