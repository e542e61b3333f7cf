using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Dashboard;

public sealed class BoardTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task Stories_sit_in_the_column_of_their_state_with_words_against_budget_byline_and_last_activity()
    {
        var newsroom = await Staff.OpenAsync(App);
        var draft = await newsroom.SendAsync(newsroom.Tom, new CreateStory.Command(
            "night-buses", "en", "Transport", "Night buses for the harbour", Body: "Three routes will run until 4am.", WordBudget: 5,
            Deadline: DateTimeOffset.UtcNow.AddHours(-1)));
        var inReview = await newsroom.StoryInAsync(StoryState.InReview);

        var board = await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query());

        var card = Assert.Single(Column(board, StoryState.Draft).Cards);
        Assert.Equal((draft.StoryId, "ltr", 6, 5), (card.Id, card.Direction, card.Words, card.WordBudget));
        Assert.Equal("TB", Assert.Single(card.Byline).Initials);
        Assert.True(card.Deadline < board.At, "the deadline has passed, so the card shows it overdue");
        var reviewed = Assert.Single(Column(board, StoryState.InReview).Cards);
        Assert.Equal((inReview, "rtl"), (reviewed.Id, reviewed.Direction));
        Assert.Equal(("Submit for review", "Layla Haddad"), (reviewed.LastStep, reviewed.LastBy));
        Assert.Equal(["Draft", "Changes requested", "In review", "Approved", "Scheduled", "Published"], board.Columns.Select(c => c.Title));
    }

    [Fact]
    public async Task The_desk_filter_keeps_one_desk_and_the_desks_are_listed_for_the_picker()
    {
        var newsroom = await Staff.OpenAsync(App);
        await newsroom.SendAsync(newsroom.Tom, new CreateStory.Command("buses", "en", "Transport", "Buses"));
        await newsroom.StoryInAsync(StoryState.Draft);

        var transport = await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query("Transport"));

        Assert.Equal(["buses"], transport.Columns.SelectMany(c => c.Cards).Select(c => c.Slug));
        Assert.Equal(["Local", "Transport"], transport.Desks);
    }

    [Fact]
    public async Task Spiked_stories_leave_the_board_and_published_ones_count_in_the_charts_of_the_day()
    {
        var newsroom = await Staff.OpenAsync(App);
        await newsroom.StoryInAsync(StoryState.Spiked);
        var published = await newsroom.StoryInAsync(StoryState.Published);
        var sentBack = await newsroom.StoryInAsync(StoryState.ChangesRequested);

        var board = await newsroom.SendAsync(newsroom.Samira, new GetNewsroomBoard.Query());

        Assert.Equal([published], Column(board, StoryState.Published).Cards.Select(c => c.Id));
        Assert.Equal([sentBack], Column(board, StoryState.ChangesRequested).Cards.Select(c => c.Id));
        Assert.DoesNotContain(board.Columns, c => c.Cards.Any(card => card.State == StoryState.Spiked));
        Assert.Equal(1, board.Charts.Published);
        Assert.Equal(1, board.Charts.PublishedPerHour[DateTimeOffset.Now.Hour]);
        // Two reviews ended today: the published story's approval and the other's request for changes.
        Assert.Equal(2, board.Charts.ReviewsFinished);
        Assert.NotNull(board.Charts.MedianTimeInReview);
        // Each story was written today: its words (headline and body) count once, however many revisions it took.
        Assert.Equal(3 * 11, board.Charts.WordsWritten);
    }

    [Fact]
    public async Task Words_written_today_count_only_what_grew_since_yesterdays_version()
    {
        var newsroom = await Staff.OpenAsync(App);
        var yesterday = DateTimeOffset.UtcNow.AddDays(-2);
        var (story, first) = Story.Create(
            new NewStory("yesterday", StoryLanguage.English, "Local", "Old news", Body: "One two three four five."),
            newsroom.Tom.Id, "Tom Becker", yesterday);
        await using (var db = App.Database.CreateContext())
        {
            db.Stories.Add(story);
            db.Revisions.Add(first);
            await db.SaveChangesAsync();
        }

        var version = (await newsroom.SendAsync(newsroom.Tom, new GetStory.Query(story.Id))).Version;
        await newsroom.SendAsync(newsroom.Tom, new Application.Features.Drafts.UpdateStory.Command(
            story.Id, version, "Local", Body: "One two three four five six seven."));
        var board = await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query());

        Assert.Equal(2, board.Charts.WordsWritten);
    }

    [Fact]
    public async Task Signed_out_callers_cannot_read_the_board()
    {
        var refusal = await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new GetNewsroomBoard.Query()));

        Assert.Equal("not-allowed.sign-in(GetNewsroomBoard)", refusal.Refusal.ToString());
    }

    private static BoardColumn Column(Board board, StoryState state) => Assert.Single(board.Columns, c => c.State == state);
}
