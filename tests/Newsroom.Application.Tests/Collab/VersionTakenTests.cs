using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;
using Npgsql;

namespace Newsroom.Application.Tests.Collab;

/// <summary>
/// A commit round that meets a version another instance took (<see cref="UpdateLog"/>): the text that lost gets
/// nothing of its batch into the log, not even the versions that were still free, and the round's other texts commit
/// in the same transaction.
/// </summary>
public sealed class VersionTakenTests(ApplicationFixture app) : DatabaseTest(app)
{
    private const string Field = LiveFields.Body;
    private const string Body = "The council met.";

    [Fact]
    public async Task The_text_that_lost_a_version_keeps_none_of_its_batch_and_the_rounds_other_texts_commit_together()
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var (first, lost, second, blocker) = (await StoryAsync(layla, "first"), await StoryAsync(layla, "lost"), await StoryAsync(layla, "second"), await StoryAsync(layla, "blocker"));
        var log = App.Services.GetRequiredService<UpdateLog>();
        var sessions = new Dictionary<Guid, TextSession>();
        foreach (var storyId in new[] { first, lost, second, blocker })
        {
            sessions[storyId] = await log.OpenAsync(storyId, Field, CancellationToken.None);
            await log.CatchUpAsync(sessions[storyId], CancellationToken.None);
        }

        // Another instance takes the next version of one text; this instance does not know yet.
        await using var other = new NpgsqlConnection(App.Database.ConnectionString);
        await other.OpenAsync();
        var taken = sessions[lost].Version + 1;
        await ExecuteAsync(other, $"INSERT INTO live_text_updates (story_id, field, version, client_id, changes, user_id, at) VALUES ('{lost}', '{Field}', {taken}, 'other-instance', '{ChangeSet.Replace(Body.Length, 0, 0, "!").ToJsonString()}', '{layla.Id}', now())");

        // One round held at its story lock, so the next three batches queue up and go together in the round after it.
        await using var holder = new NpgsqlConnection(App.Database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, $"SELECT 1 FROM stories WHERE id = '{blocker}' FOR UPDATE");
        var held = AppendAsync(log, sessions[blocker], layla, "blocker", 1);
        await WaitForLockWaitAsync(other);
        var appended = new[] { AppendAsync(log, sessions[first], layla, "first", 1), AppendAsync(log, sessions[lost], layla, "lost", 3), AppendAsync(log, sessions[second], layla, "second", 2) };
        await hold.RollbackAsync();

        Assert.NotNull(await held);
        var (firstDone, lostDone, secondDone) = (await appended[0], await appended[1], await appended[2]);
        Assert.NotNull(firstDone);
        Assert.Null(lostDone);
        Assert.NotNull(secondDone);

        // The lost text holds only the other instance's update: its own later versions went in and were taken out.
        Assert.Equal(["other-instance"], await ClientIdsAsync(other, lost));
        Assert.Equal(["first-1"], await ClientIdsAsync(other, first));
        Assert.Equal(["second-1", "second-2"], await ClientIdsAsync(other, second));

        // The two texts that won committed in one transaction, beside the one that lost.
        var transactions = await ScalarAsync<long>(other, $"SELECT count(DISTINCT xmin::text) FROM live_text_updates WHERE story_id IN ('{first}', '{second}')");
        Assert.Equal(1, transactions);
    }

    [Fact]
    public async Task A_text_that_lost_a_version_after_sending_its_approved_story_back_to_review_leaves_the_story_approved_and_the_round_uncommitted()
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var (approved, draft, blocker) = (await StoryAsync(layla, "approved"), await StoryAsync(layla, "draft"), await StoryAsync(layla, "hold"));
        var log = App.Services.GetRequiredService<UpdateLog>();
        var sessions = new Dictionary<Guid, TextSession>();
        foreach (var storyId in new[] { approved, draft, blocker })
        {
            sessions[storyId] = await log.OpenAsync(storyId, Field, CancellationToken.None);
            await log.CatchUpAsync(sessions[storyId], CancellationToken.None);
        }

        await using var other = new NpgsqlConnection(App.Database.ConnectionString);
        await other.OpenAsync();
        await ExecuteAsync(other, $"UPDATE stories SET state = 'Approved' WHERE id = '{approved}'");
        var revisions = await ScalarAsync<long>(other, $"SELECT count(*) FROM revisions WHERE story_id = '{approved}'");
        await ExecuteAsync(other, $"INSERT INTO live_text_updates (story_id, field, version, client_id, changes, user_id, at) VALUES ('{approved}', '{Field}', {sessions[approved].Version + 1}, 'other-instance', '{ChangeSet.Replace(Body.Length, 0, 0, "!").ToJsonString()}', '{layla.Id}', now())");

        await using var holder = new NpgsqlConnection(App.Database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, $"SELECT 1 FROM stories WHERE id = '{blocker}' FOR UPDATE");
        var held = AppendAsync(log, sessions[blocker], layla, "hold", 1);
        await WaitForLockWaitAsync(other);
        var appended = new[] { AppendAsync(log, sessions[approved], layla, "approved", 2), AppendAsync(log, sessions[draft], layla, "draft", 1) };
        await hold.RollbackAsync();

        Assert.NotNull(await held);
        Assert.Null(await appended[0]);
        // Nothing of the round is committed, so the other text's batch goes again too.
        Assert.Null(await appended[1]);
        Assert.Equal("Approved", await ScalarAsync<string>(other, $"SELECT state FROM stories WHERE id = '{approved}'"));
        Assert.Equal(revisions, await ScalarAsync<long>(other, $"SELECT count(*) FROM revisions WHERE story_id = '{approved}'"));
        Assert.Equal(["other-instance"], await ClientIdsAsync(other, approved));
        Assert.Empty(await ClientIdsAsync(other, draft));
    }

    private async Task<Guid> StoryAsync(TestUser author, string slug) =>
        (await App.SendAsync(author, new CreateStory.Command($"taken-{slug}", "en", "City", slug, Body: Body))).StoryId;

    private static Task<UpdateLog.Appended?> AppendAsync(UpdateLog log, TextSession session, TestUser writer, string label, int keystrokes)
    {
        var updates = Enumerable.Range(1, keystrokes)
            .Select(i => (new Update($"{label}-{i}", ChangeSet.Replace(Body.Length + i - 1, 0, 0, "x"), new Tracking($"{Field}-{session.Version + i}", writer.Id.ToString("D"), DateTimeOffset.UtcNow)), writer.Id, writer.DisplayName))
            .ToList();
        return log.TryAppendAsync(session, updates, [(writer.Id, writer.DisplayName)], CancellationToken.None);
    }

    private static async Task WaitForLockWaitAsync(NpgsqlConnection connection)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The first round never waited for the story's lock.");
            await Task.Delay(20);
        }
    }

    private static async Task<List<string>> ClientIdsAsync(NpgsqlConnection connection, Guid storyId)
    {
        await using var command = new NpgsqlCommand($"SELECT client_id FROM live_text_updates WHERE story_id = '{storyId}' ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
