using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Drafts;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Dashboard;

public sealed class BoardReadModelTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task Boards_read_together_share_one_board_and_a_change_gives_them_one_new_board()
    {
        var newsroom = await Staff.OpenAsync(App);
        var story = await newsroom.StoryInAsync(StoryState.Draft);

        var boards = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query())));
        Assert.All(boards, board => Assert.Same(boards[0], board));
        Assert.Same(boards[0], await newsroom.SendAsync(newsroom.Samira, new GetNewsroomBoard.Query()));

        await newsroom.SendAsync(newsroom.Layla, new Application.Features.Workflow.SubmitForReview.Command(story));
        var after = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query())));

        Assert.All(after, board => Assert.Same(after[0], board));
        Assert.NotSame(boards[0], after[0]);
        Assert.Equal(story, Assert.Single(Assert.Single(after[0].Columns, c => c.State == StoryState.InReview).Cards).Id);
    }

    [Fact]
    public async Task A_board_read_counts_only_the_texts_saved_since_the_last_one()
    {
        var newsroom = await Staff.OpenAsync(App);
        for (var i = 0; i < 5; i++)
        {
            await newsroom.StoryInAsync(StoryState.Draft);
        }

        var edited = await newsroom.SendAsync(newsroom.Tom, new CreateStory.Command(
            "counted", "en", "Local", "Counted", Body: "One two three."));
        await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query());
        var counts = App.Services.GetRequiredService<WordCounts>();
        var before = counts.TextsCounted;

        var version = (await newsroom.SendAsync(newsroom.Tom, new GetStory.Query(edited.StoryId))).Version;
        await newsroom.SendAsync(newsroom.Tom, new UpdateStory.Command(edited.StoryId, version, "Local", Body: "One two three four five."));
        var board = await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query());

        // The saved story's body and its new revision: nothing else on the board is read again.
        Assert.Equal(2, counts.TextsCounted - before);
        Assert.Equal(5, board.Columns.SelectMany(c => c.Cards).Single(c => c.Id == edited.StoryId).Words);
    }

    [Fact]
    public async Task A_change_made_without_news_is_still_seen_by_the_next_read()
    {
        var newsroom = await Staff.OpenAsync(App);
        await newsroom.StoryInAsync(StoryState.Draft);
        await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query());

        // Written straight into the database, as a script or a restore would: no notification is published.
        var (story, first) = Story.Create(
            new NewStory("quiet", StoryLanguage.English, "Local", "Quietly added", Body: "Nobody announced this."),
            newsroom.Tom.Id, "Tom Becker", DateTimeOffset.UtcNow);
        await using (var db = App.Database.CreateContext())
        {
            db.Stories.Add(story);
            db.Revisions.Add(first);
            await db.SaveChangesAsync();
        }

        var board = await newsroom.SendAsync(newsroom.Tom, new GetNewsroomBoard.Query());

        Assert.Contains(board.Columns.SelectMany(c => c.Cards), c => c.Id == story.Id);
    }
}
