using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Newsroom.Application.Data;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Stories;
using Npgsql;

namespace Newsroom.Application.Tests.Data;

/// <summary>
/// Revisions and notifications written as English sentences before names were messages: the migration turns the
/// common sentences into messages and leaves the rest as written, so every old row still reads.
/// </summary>
public sealed class MessagesMigrationTests(ApplicationFixture app) : DatabaseTest(app)
{
    private const string Before = "20261129112403_WallLinkExpiryAndDesk";

    [Fact]
    public async Task Old_English_names_and_notifications_become_messages_and_the_rest_keep_their_sentence()
    {
        // A database of its own, so going back a migration cannot disturb the other tests.
        var name = $"newsroom_messages_{Guid.NewGuid():N}"[..32];
        await LocalPostgresCluster.EnsureDatabaseAsync(App.Database.ConnectionString, name, CancellationToken.None);
        var connection = new NpgsqlConnectionStringBuilder(App.Database.ConnectionString) { Database = name }.ConnectionString;
        try
        {
            var (storyId, sentences) = await WriteOldRowsAsync(connection);

            await using var db = Context(connection);
            var names = await db.Revisions.Where(r => r.StoryId == storyId).OrderBy(r => r.Number).ToListAsync();
            Assert.Equal(sentences, names.Select(r => r.Name));
            Assert.Equal(
                [
                    "revision.created(Layla Haddad)", "revision.submitted(Layla Haddad)",
                    "revision.changes-requested.note(Samira Nasser, Add the statement: and the time.)", "revision.approved(Samira Nasser)",
                    "revision.restored(1, Layla Haddad, The edit lost the quote.)", "revision.legal-hold.on(Samira Nasser, Court order)",
                    "revision.published.embargo-lifted", null, null, null,
                ],
                names.Select(r => r.GeneratedName?.ToString()));
            var notifications = await db.Notifications.OrderBy(n => n.Id).ToListAsync();
            Assert.Equal(
                ["notification.assigned(Samira Nasser, Harbour fire)", "notification.mentioned(Omar Khalil, Harbour fire)", null],
                notifications.Select(n => n.Message?.ToString()));
            Assert.Equal("“Harbour fire” is now in review (Layla Haddad).", notifications[2].Text);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(App.Database.ConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Rows as the code before this migration wrote them, then the migration run again over them.</summary>
    private static async Task<(Guid StoryId, string[] Sentences)> WriteOldRowsAsync(string connection)
    {
        string[] sentences =
        [
            "Created by Layla Haddad",
            "Submitted for review by Layla Haddad",
            "Changes requested by Samira Nasser: Add the statement: and the time.",
            "Approved by Samira Nasser",
            "Restored revision 1 by Layla Haddad: The edit lost the quote.",
            "Put on legal hold by Samira Nasser: Court order",
            "Published when the embargo lifted",
            "Edited by Layla Haddad (back to review: approval was of an earlier revision)",
            "Byline changed by Samira Nasser: added Omar Khalil",
            "Before the rewrite",
        ];
        var userId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await using (var db = Context(connection))
        {
            await db.Database.MigrateAsync();
            db.Users.Add(new NewsroomUser { Id = userId, UserName = "layla@newsroom.test", Email = "layla@newsroom.test", DisplayName = "Layla Haddad" });
            var (story, _) = Story.Create(new NewStory("harbour-fire", StoryLanguage.English, "Local", "Harbour fire"), userId, "Layla Haddad", now);
            db.Stories.Add(story);
            await db.SaveChangesAsync();
            var storyId = story.Id;
            db.ChangeTracker.Clear();
            // Story.Create's own revision is left out: the sentences stand for the whole history.
            var tracked = await db.Stories.SingleAsync(s => s.Id == storyId);
            db.Revisions.AddRange(sentences.Select(s => tracked.TakeRevision(s, userId, now)));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO notifications (user_id, story_id, kind, text, created_at) VALUES
                  ({0}, {1}, 'Assigned', 'Samira Nasser put you on “Harbour fire”.', now()),
                  ({0}, {1}, 'Mentioned', 'Omar Khalil mentioned you on “Harbour fire”.', now()),
                  ({0}, {1}, 'StateChanged', '“Harbour fire” is now in review (Layla Haddad).', now());
                """,
                userId, storyId);

            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(Before);
            await migrator.MigrateAsync();
            return (storyId, sentences);
        }
    }

    private static NewsroomDbContext Context(string connection)
    {
        var options = new DbContextOptionsBuilder<NewsroomDbContext>();
        DataRegistration.Configure(options, connection);
        return new NewsroomDbContext(options.Options);
    }
}
