using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Dashboard;

public sealed class WallScreenTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_display_link_opens_the_wall_without_signing_in_and_only_its_hash_is_stored()
    {
        var newsroom = await Staff.OpenAsync(App);
        var inReview = await newsroom.StoryInAsync(StoryState.InReview);
        var published = await newsroom.StoryInAsync(StoryState.Published);

        var link = await newsroom.SendAsync(newsroom.Nour, new CreateDisplayLink.Command("Newsdesk TV"));
        var wall = await App.SendAsync(null, new GetWallScreen.Query(link.Token));

        Assert.Equal("Newsdesk TV", wall.ScreenName);
        Assert.Contains(wall.Board.Columns.SelectMany(c => c.Cards), c => c.Id == inReview);
        Assert.Equal([published], wall.PublishedToday.Select(c => c.Id));
        Assert.Equal($"/wall/{link.Token}", link.Path);
        await using var db = App.Database.CreateContext();
        var stored = await db.DisplayLinks.SingleAsync();
        Assert.NotEqual(link.Token, stored.TokenHash);
        Assert.DoesNotContain(link.Token, stored.TokenHash, StringComparison.Ordinal);
        Assert.NotNull(stored.LastSeenAt);
    }

    [Fact]
    public async Task A_revoked_or_made_up_link_shows_nothing()
    {
        var newsroom = await Staff.OpenAsync(App);
        var link = await newsroom.SendAsync(newsroom.Nour, new CreateDisplayLink.Command("Lobby"));

        await newsroom.SendAsync(newsroom.Nour, new RevokeDisplayLink.Command(link.Id));

        var revoked = await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new GetWallScreen.Query(link.Token)));
        Assert.Equal("not-allowed.display-link", revoked.Refusal.Code);
        await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new GetWallScreen.Query("made-up-token")));
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(null, new GetWallScreen.Query("")));
        Assert.NotNull(Assert.Single(await newsroom.SendAsync(newsroom.Nour, new ListDisplayLinks.Query())).RevokedAt);
    }

    [Fact]
    public async Task Only_administrators_make_display_links_and_a_screen_needs_a_name()
    {
        var newsroom = await Staff.OpenAsync(App);

        var refusal = await Assert.ThrowsAsync<RefusedException>(() =>
            newsroom.SendAsync(newsroom.Samira, new CreateDisplayLink.Command("Editors' TV")));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() =>
            newsroom.SendAsync(newsroom.Nour, new CreateDisplayLink.Command(" ")));

        Assert.Equal("not-allowed.role(CreateDisplayLink, [Admin], Samira Nasser)", refusal.Refusal.ToString());
        Assert.Equal("Name", Assert.Single(invalid.Errors).PropertyName);
        await using var db = App.Database.CreateContext();
        Assert.Empty(db.DisplayLinks);
    }

    [Fact]
    public async Task Editors_raise_and_clear_the_breaking_news_banner_one_at_a_time_and_every_step_is_audited()
    {
        var newsroom = await Staff.OpenAsync(App);

        await newsroom.SendAsync(newsroom.Samira, new RaiseBreakingNews.Command("Fire at the harbour"));
        await newsroom.SendAsync(newsroom.Omar, new RaiseBreakingNews.Command("حريق في الميناء"));
        var up = await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query());
        await newsroom.SendAsync(newsroom.Samira, new ClearBreakingNews.Command());
        var down = await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query());
        var refusal = await Assert.ThrowsAsync<RefusedException>(() =>
            newsroom.SendAsync(newsroom.Tom, new RaiseBreakingNews.Command("Scoop")));

        Assert.Equal("حريق في الميناء", up.Breaking?.Text);
        Assert.Null(down.Breaking);
        Assert.Equal("not-allowed.role(RaiseBreakingNews, [Editor | Admin], Tom Becker)", refusal.Refusal.ToString());
        Assert.Equal(3, App.Published.OfType<WallChanged>().Count());
        await using var db = App.Database.CreateContext();
        Assert.Equal(
            [("RaiseBreakingNews", AuditOutcome.Succeeded), ("RaiseBreakingNews", AuditOutcome.Succeeded),
             ("ClearBreakingNews", AuditOutcome.Succeeded), ("RaiseBreakingNews", AuditOutcome.Refused)],
            (await db.AuditLog.OrderBy(a => a.Id).Where(a => a.Command.Contains("BreakingNews")).ToListAsync())
                .Select(a => (a.Command, a.Outcome)));
    }
}
