using FluentValidation;
using Newsroom.Application.Features.Drafts;
using Newsroom.Application.Features.Revisions;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Text;
using Newsroom.Testing;

namespace Newsroom.Application.Tests.Features.Revisions;

public sealed class RevisionTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task The_revision_list_says_who_changed_what_and_how_many_words()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.Draft);
        var story = await staff.SendAsync(staff.Layla, new GetStory.Query(id));

        await staff.SendAsync(staff.Layla, new UpdateStory.Command(
            id, story.Version, story.Desk, story.Headline, story.Standfirst, "اندلع حريق كبير صباح اليوم في مستودع قديم قرب الميناء."));

        var revisions = await staff.SendAsync(staff.Layla, new ListRevisions.Query(id));
        Assert.Equal([2, 1], revisions.Select(r => r.Number));
        var edit = revisions[0];
        Assert.Equal(("revision.edited(Layla Haddad)", "Layla Haddad"), (edit.GeneratedName?.ToString(), edit.CreatedBy));
        Assert.Equal((2, 0), (edit.WordsAdded, edit.WordsRemoved));
    }

    [Fact]
    public async Task Comparing_two_revisions_gives_a_word_level_diff_that_keeps_Arabic_words_whole()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.Draft);
        var story = await staff.SendAsync(staff.Layla, new GetStory.Query(id));
        var newBody = "اندلعَ حريقٌ صباح الأحد في مستودع قرب الميناء.";
        await staff.SendAsync(staff.Layla, new UpdateStory.Command(id, story.Version, story.Desk, story.Headline, story.Standfirst, newBody));

        var comparison = await staff.SendAsync(staff.Samira, new CompareRevisions.Query(id, 1, 2));

        Assert.Equal(("ar", "rtl"), (comparison.Language, comparison.Direction));
        var body = Assert.Single(comparison.Fields, f => f.Field == "body");
        Assert.Equal(
            [
                new DiffSegment(DiffKind.Deleted, "اندلع حريق"),
                new DiffSegment(DiffKind.Inserted, "اندلعَ حريقٌ"),
                new DiffSegment(DiffKind.Unchanged, " صباح "),
                new DiffSegment(DiffKind.Deleted, "اليوم"),
                new DiffSegment(DiffKind.Inserted, "الأحد"),
                new DiffSegment(DiffKind.Unchanged, " في مستودع قرب الميناء."),
            ],
            body.Segments);
        Assert.Equal((3, 3), (body.WordsAdded, body.WordsRemoved));
        Assert.Equal(newBody, string.Concat(body.Segments.Where(s => s.Kind != DiffKind.Deleted).Select(s => s.Text)));
    }

    [Fact]
    public async Task Restoring_a_revision_makes_a_new_one_with_the_reason_and_keeps_the_history()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.Draft);
        var story = await staff.SendAsync(staff.Layla, new GetStory.Query(id));
        await staff.SendAsync(staff.Layla, new UpdateStory.Command(id, story.Version, story.Desk, "عنوان خاطئ", story.Standfirst, "نص خاطئ"));

        var restored = await staff.SendAsync(staff.Layla, new RestoreRevision.Command(id, 1, "The edit lost the quote."));

        Assert.Equal(3, restored.RevisionNumber);
        var now = await staff.SendAsync(staff.Layla, new GetStory.Query(id));
        Assert.Equal((story.Headline, story.Body), (now.Headline, now.Body));
        var third = await staff.SendAsync(staff.Layla, new GetRevision.Query(id, 3));
        Assert.Equal("revision.restored(1, Layla Haddad, The edit lost the quote.)", third.GeneratedName?.ToString());
        Assert.Equal("عنوان خاطئ", (await staff.SendAsync(staff.Layla, new GetRevision.Query(id, 2))).Headline);
    }

    [Fact]
    public async Task A_restore_needs_a_reason_and_an_existing_revision()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.Draft);

        await Assert.ThrowsAsync<ValidationException>(() => staff.SendAsync(staff.Layla, new RestoreRevision.Command(id, 1, " ")));
        Assert.Equal(RefusalKind.NotFound, (await Assert.ThrowsAsync<RefusedException>(() => staff.SendAsync(staff.Layla, new RestoreRevision.Command(id, 9, "Why not")))).Refusal.Kind);
        Assert.Equal(1, (await staff.SendAsync(staff.Layla, new GetStory.Query(id))).RevisionNumber);
    }

    [Fact]
    public async Task The_seed_article_survives_a_revision_round_trip_and_diffs_against_itself_as_unchanged()
    {
        var staff = await Staff.OpenAsync(App);
        var created = await staff.SendAsync(staff.Layla, new CreateStory.Command("kremlin-call", "ar", "World", SeedArticle.Headline, Body: SeedArticle.Text));
        await staff.SendAsync(staff.Layla, new SaveVersion.Command(created.StoryId, "Before the legal read"));

        var comparison = await staff.SendAsync(staff.Layla, new CompareRevisions.Query(created.StoryId, 1, 2));

        var body = Assert.Single(comparison.Fields, f => f.Field == "body");
        Assert.Equal([new DiffSegment(DiffKind.Unchanged, SeedArticle.Text)], body.Segments);
        Assert.Equal(SeedArticle.Text, (await staff.SendAsync(staff.Layla, new GetRevision.Query(created.StoryId, 2))).Body);
    }
}
