using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Application.Features.Drafts;
using Newsroom.Application.Features.Revisions;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Text;

namespace Newsroom.Application.Tests.Features.Revisions;

/// <summary>A revision keeps who wrote its live fields, so comparing two names each addition's writer.</summary>
public sealed class RevisionAuthorshipTests(ApplicationFixture app) : DatabaseTest(app)
{
    private const string Body = "The council met.";

    [Fact]
    public async Task Comparing_names_the_writer_of_each_addition_and_a_restart_of_the_live_core_does_not_change_it()
    {
        var staff = await Staff.OpenAsync(App);
        var id = (await staff.SendAsync(staff.Layla, new CreateStory.Command("who-added", "en", "City", "Council", Body: Body))).StoryId;
        var live = App.Services.GetRequiredService<LiveTexts>();
        // Layla adds a word; Samira adds another, and then finishes a word Layla began, so one addition has two writers.
        await TypeAsync(live, id, staff.Samira, Body.Length - 1, " tonight");
        await TypeAsync(live, id, staff.Layla, 4, "city ");
        await TypeAsync(live, id, staff.Layla, 0, "Budget");
        await TypeAsync(live, id, staff.Samira, 6, "ary: ");
        await staff.SendAsync(staff.Layla, new SaveVersion.Command(id, "Both wrote"));

        var expected = new[]
        {
            ("Budget", "Layla Haddad"), ("ary: ", "Samira Nasser"), ("city ", "Layla Haddad"), (" tonight", "Samira Nasser"),
        };
        Assert.Equal(expected, await AdditionsAsync(staff, id, 1, 2));

        // The live core forgets the text, as a restarted app would, and reads it back from the log for the next revision.
        var sessions = App.Services.GetRequiredService<TextSessions>();
        var session = sessions.Find(id, LiveFields.Body)!;
        await live.MarkSavedAsync(id, LiveFields.Body, session.Version, CancellationToken.None);
        Assert.True(sessions.TryForget(session, TimeSpan.Zero));
        Assert.Equal(expected, await AdditionsAsync(staff, id, 1, 2));
        await staff.SendAsync(staff.Samira, new SaveVersion.Command(id, "After a restart"));
        Assert.Equal(expected, await AdditionsAsync(staff, id, 1, 3));
        Assert.Equal("Budgetary: The city council met tonight.",
            (await staff.SendAsync(staff.Layla, new GetStory.Query(id))).Body);
    }

    [Fact]
    public async Task A_revision_kept_before_authorship_shows_its_additions_unattributed()
    {
        var staff = await Staff.OpenAsync(App);
        var id = (await staff.SendAsync(staff.Layla, new CreateStory.Command("older-revision", "en", "City", "Council", Body: Body))).StoryId;
        var live = App.Services.GetRequiredService<LiveTexts>();
        await TypeAsync(live, id, staff.Samira, Body.Length - 1, " tonight");
        await staff.SendAsync(staff.Layla, new SaveVersion.Command(id, "Samira wrote"));
        await using (var db = App.Database.CreateContext())
        {
            Assert.Equal(1, await db.Revisions.CountAsync(r => r.StoryId == id && r.Authorship != null));
            await db.Database.ExecuteSqlAsync($"UPDATE revisions SET authorship = NULL WHERE story_id = {id}");
        }

        var comparison = await staff.SendAsync(staff.Layla, new CompareRevisions.Query(id, 1, 2));

        var addition = Assert.Single(comparison.Fields.Single(f => f.Field == LiveFields.Body).Segments, s => s.Kind == DiffKind.Inserted);
        Assert.Equal((" tonight", null), (addition.Text, addition.Writer));
        Assert.Empty(comparison.Writers);
    }

    private static async Task<IReadOnlyList<(string Text, string Writer)>> AdditionsAsync(Staff staff, Guid id, int from, int to)
    {
        var comparison = await staff.SendAsync(staff.Layla, new CompareRevisions.Query(id, from, to));
        return [.. comparison.Fields.Single(f => f.Field == LiveFields.Body).Segments
            .Where(s => s.Kind == DiffKind.Inserted)
            .Select(s => (s.Text, s.Writer is { } writer ? comparison.Writers[writer] : "?"))];
    }

    private static async Task TypeAsync(LiveTexts live, Guid storyId, TestUser writer, int at, string text)
    {
        var (version, now) = await live.JoinAsync(storyId, LiveFields.Body, CancellationToken.None);
        await live.PushAsync(storyId, LiveFields.Body, version, [new Update(writer.DisplayName[..3], ChangeSet.Replace(now.Length, at, at, text))],
            writer.Id, writer.DisplayName, 1_000, suggestOnly: false, CancellationToken.None);
    }
}
