using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Tests.Collab;

/// <summary>
/// Suggestions and authorship in PostgreSQL: what a text's session holds must be what a fresh session, opened from the
/// checkpoint and the log alone (as after a restart), holds, before and after a compaction moves the checkpoint.
/// </summary>
public sealed class TrackedStorageTests(ApplicationFixture app) : DatabaseTest(app)
{
    private const string Field = LiveFields.Body;
    private const string Body = "قال الوزير إن الاتفاق وُقِّع.";

    [Fact]
    public async Task Authorship_and_an_open_suggestion_survive_a_restart_and_a_compaction()
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var samira = await App.CreateUserAsync(Roles.Editor, "Samira Nasser");
        var storyId = (await App.SendAsync(layla, new CreateStory.Command("kept", "ar", "City", "Kept", Body: Body))).StoryId;
        var live = App.Services.GetRequiredService<LiveTexts>();
        await TypeAsync(live, storyId, layla, 6);
        await live.SuggestAsync(storyId, Field, 0, 3, "صرّح", "stronger verb", samira.Id, samira.DisplayName, 1_000, CancellationToken.None);
        await TypeAsync(live, storyId, samira, 3);
        await TypeAsync(live, storyId, layla, 4);
        var held = Describe(await live.TrackedAsync(storyId, Field, CancellationToken.None));
        Assert.Contains("stronger verb", held, StringComparison.Ordinal);

        Assert.Equal(held, await FreshAsync(storyId));

        await live.MarkSavedAsync(storyId, Field, 14, CancellationToken.None);
        var session = App.Services.GetRequiredService<TextSessions>().Find(storyId, Field)!;
        Assert.True(await App.Services.GetRequiredService<LogCompaction>().CompactAsync(session, keep: 2, CancellationToken.None));
        await using (var db = App.Database.CreateContext())
        {
            var checkpoint = await db.LiveTexts.SingleAsync(t => t.StoryId == storyId && t.Field == Field);
            Assert.Equal(12, checkpoint.BaseVersion);
            Assert.Contains("stronger verb", checkpoint.Tracked, StringComparison.Ordinal);
        }

        Assert.Equal(held, await FreshAsync(storyId));

        // After the compaction the live session still decides it, and a fresh one agrees again.
        var tracked = await live.TrackedAsync(storyId, Field, CancellationToken.None);
        // Typing inside it split the suggested word: its first piece.
        var insertion = tracked.Tracked.Suggestions.First(s => s.Kind == SuggestionKind.Insertion);
        await live.DecideAsync(storyId, Field, insertion.Id, accept: true, layla.Id, layla.DisplayName, CancellationToken.None);
        var decided = Describe(await live.TrackedAsync(storyId, Field, CancellationToken.None));
        Assert.DoesNotContain(insertion.Id, decided, StringComparison.Ordinal);
        Assert.Equal(decided, await FreshAsync(storyId));
        await LetGoAsync(storyId);
    }

    [Fact]
    public async Task A_log_and_checkpoint_from_before_tracking_read_as_the_storys_creator_and_each_rows_writer()
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var samira = await App.CreateUserAsync(Roles.Editor, "Samira Nasser");
        var storyId = (await App.SendAsync(layla, new CreateStory.Command("older", "ar", "City", "Older", Body: Body))).StoryId;
        var live = App.Services.GetRequiredService<LiveTexts>();
        await TypeAsync(live, storyId, samira, 2);
        await using (var db = App.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE live_text_updates SET tracking = NULL WHERE story_id = {storyId}");
            await db.Database.ExecuteSqlAsync($"UPDATE live_texts SET tracked = NULL WHERE story_id = {storyId}");
        }

        var log = App.Services.GetRequiredService<UpdateLog>();
        var fresh = await log.OpenAsync(storyId, Field, CancellationToken.None);
        await log.CatchUpAsync(fresh, CancellationToken.None);

        Assert.Equal(
            [new Run<string>(2, samira.Id.ToString("D")), new Run<string>(5, layla.Id.ToString("D")), new Run<string>(2, samira.Id.ToString("D")), new Run<string>(Body.Length - 5, layla.Id.ToString("D"))],
            fresh.Tracked.Authorship.Runs);
        Assert.Equal(
            new Dictionary<string, string> { [layla.Id.ToString("D")] = "Layla Haddad", [samira.Id.ToString("D")] = "Samira Nasser" },
            fresh.People());
        Assert.Equal(["body-1", "body-2"], fresh.Since(0).Select(u => u.Tracking!.UpdateId));
        await LetGoAsync(storyId);
    }

    /// <summary>The text leaves this process's memory as a saved one, so the tests after this one find none of it.</summary>
    private async Task LetGoAsync(Guid storyId)
    {
        var sessions = App.Services.GetRequiredService<TextSessions>();
        var session = sessions.Find(storyId, Field)!;
        await App.Services.GetRequiredService<LiveTexts>().MarkSavedAsync(storyId, Field, session.Version, CancellationToken.None);
        Assert.True(sessions.TryForget(session, TimeSpan.Zero));
    }

    /// <summary>A fresh session from the checkpoint and the log only, as another instance or a restarted app opens it.</summary>
    private async Task<string> FreshAsync(Guid storyId)
    {
        var log = App.Services.GetRequiredService<UpdateLog>();
        var fresh = await log.OpenAsync(storyId, Field, CancellationToken.None);
        await log.CatchUpAsync(fresh, CancellationToken.None);
        return Describe(new TrackedSnapshot(fresh.Version, fresh.Text.ToString(), fresh.Tracked, fresh.People()));
    }

    private static string Describe(TrackedSnapshot snapshot) =>
        $"{snapshot.Version}|{snapshot.Text}|{JsonSerializer.Serialize(snapshot.Tracked.State)}|{string.Join(",", snapshot.People.OrderBy(p => p.Key))}";

    private static async Task TypeAsync(LiveTexts live, Guid storyId, TestUser writer, int keystrokes)
    {
        for (var i = 0; i < keystrokes; i++)
        {
            var (version, text) = await live.JoinAsync(storyId, Field, CancellationToken.None);
            var at = (i * 7) % (text.Length + 1);
            await live.PushAsync(storyId, Field, version, [new Update($"{writer.DisplayName[..3]}-{storyId:N}"[..20], ChangeSet.Replace(text.Length, at, at, "ab"))],
                writer.Id, writer.DisplayName, 1_000, suggestOnly: false, CancellationToken.None);
        }
    }
}
