using System.Net;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Publishing;
using Newsroom.Domain.Stories;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hosting;

/// <summary>The demo newsroom a first start shows: a day's work on every surface, made through the workflow's own rules.</summary>
public sealed class DemoStoriesTests(WebFixture web) : WebTest(web)
{
    private Task<bool> SeedNewsroomAsync() =>
        DatabaseInitializer.SeedAsync(Web.Factory.Services, seedDemoData: true, demoStories: true);

    [Fact]
    public async Task Every_board_column_has_stories_in_Arabic_and_English_on_several_desks()
    {
        await SeedNewsroomAsync();

        var board = await Web.SendAsAsync(DemoNewsroom.Samira, new GetNewsroomBoard.Query());

        Assert.All(board.Columns, column => Assert.True(column.Cards.Count > 0, $"the {column.Title} column is empty"));
        var cards = board.Columns.SelectMany(c => c.Cards).ToList();
        Assert.Equal(["ar", "en"], cards.Select(c => c.Language).Distinct().Order());
        Assert.True(board.Desks.Count >= 5, string.Join(", ", board.Desks));
        Assert.Contains(cards, c => c.Deadline < board.At && c.State != StoryState.Published);
        Assert.Contains(cards, c => c.Deadline > board.At);
        Assert.True(board.Charts.Published > 0 || board.At.ToLocalTime().Hour < 7, "the day's chart shows what was published today");
    }

    [Fact]
    public async Task The_day_covers_every_state_with_revisions_by_several_people_and_open_and_resolved_comments()
    {
        await SeedNewsroomAsync();

        await using var db = Web.Database.CreateContext();
        var stories = await db.Stories.AsNoTracking().ToListAsync();
        Assert.InRange(stories.Count, 20, 30);
        Assert.Equal(Enum.GetValues<StoryState>().Order(), stories.Select(s => s.State).Distinct().Order());
        Assert.Contains(stories, s => s.LegalHold);
        Assert.Contains(stories, s => s.State == StoryState.Scheduled && s.EmbargoUntil > DateTimeOffset.UtcNow);
        Assert.Contains(stories, s => s.Corrections.Count > 0);
        Assert.Contains(stories, s => s.AssignedReporterIds.Length > 0 && s.ReviewerId is not null);
        Assert.True(await db.Revisions.Select(r => r.CreatedBy).Distinct().CountAsync() >= 5, "revisions by several people");
        Assert.True(await db.Comments.AnyAsync(c => c.IsResolved) && await db.Comments.AnyAsync(c => !c.IsResolved));
        Assert.All(stories.Where(s => s.State is StoryState.Published or StoryState.Corrected),
            s => Assert.StartsWith("/images/demo/", s.LeadImage.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_readers_site_feeds_images_and_moderation_queue_have_something_to_show()
    {
        await SeedNewsroomAsync();
        var http = Web.Anonymous();

        var articles = await http.GetStringAsync("/articles");
        var feed = await http.GetStringAsync("/feeds/atom");
        var held = await Web.SendAsAsync(DemoNewsroom.Samira, new ListReaderComments.Query());

        Assert.Contains("articles/harbour-cranes-record-month", articles, StringComparison.Ordinal);
        Assert.True(feed.Split("<entry").Length - 1 >= 4, feed);
        Assert.True(held.Count >= 3, "reader comments wait for moderation");
        using var image = await http.GetAsync("/images/demo/port-cranes.svg");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
        using var page = await http.GetAsync("/articles/north-bridge-reopens-cyclists");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing_and_a_database_with_only_real_accounts_gets_no_demo()
    {
        await SeedNewsroomAsync();
        await using (var db = Web.Database.CreateContext())
        {
            var before = (await db.Stories.CountAsync(), await db.Users.CountAsync(), await db.AuditLog.CountAsync());
            await SeedNewsroomAsync();
            Assert.Equal(before, (await db.Stories.CountAsync(), await db.Users.CountAsync(), await db.AuditLog.CountAsync()));
        }

        await Web.Database.ResetAsync();
        await DatabaseInitializer.SeedAsync(Web.Factory.Services, seedDemoData: false,
            new BootstrapAdmin("chief@paper.example", "A-real-password-1"));
        Assert.False(await DatabaseInitializer.SeedAsync(Web.Factory.Services, seedDemoData: true, demoStories: true));
        await using var after = Web.Database.CreateContext();
        Assert.Equal(0, await after.Stories.CountAsync());
        Assert.Equal(1, await after.Users.CountAsync());
    }
}
