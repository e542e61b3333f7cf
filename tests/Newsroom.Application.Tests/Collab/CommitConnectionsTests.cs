using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;
using Npgsql;

namespace Newsroom.Application.Tests.Collab;

/// <summary>
/// The live texts' commit rounds keep to a few connections of their own (<see cref="CommitContexts"/>, ADR-037),
/// however many the app's pool holds: on the shared pool, which hands out the connection idle longest, every round
/// went to a different, cold PostgreSQL backend.
/// </summary>
public sealed class CommitConnectionsTests(ApplicationFixture app) : DatabaseTest(app)
{
    private const string Field = LiveFields.Body;
    private const int Texts = 12;
    private const int PushesEach = 10;

    [Fact]
    public async Task Typing_in_many_texts_commits_on_the_rounds_own_connections_and_touches_none_of_the_apps_others()
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var stories = new List<Guid>();
        for (var i = 0; i < Texts; i++)
        {
            stories.Add((await App.SendAsync(layla, new CreateStory.Command($"pool-{i}", "en", "City", $"Story {i}", Body: "The council met."))).StoryId);
        }

        // The app's pool grows, as when a newsroom opens its texts at once.
        var contexts = App.Services.GetRequiredService<IDbContextFactory<NewsroomDbContext>>();
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(0.3)");
        }));

        // Joining reads the log; pushing at the version the join gave reads nothing more (GroupCommit).
        var live = App.Services.GetRequiredService<LiveTexts>();
        var joined = new List<(Guid StoryId, int Version, int Length)>();
        foreach (var storyId in stories)
        {
            var (version, text) = await live.JoinAsync(storyId, Field, CancellationToken.None);
            joined.Add((storyId, version, text.Length));
        }

        await using var probe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(App.Database.ConnectionString) { ApplicationName = "probe", Pooling = false }.ConnectionString);
        await probe.OpenAsync();
        var since = await ScalarAsync<DateTime>(probe, "SELECT clock_timestamp()");

        var versions = await Task.WhenAll(joined.Select(async text =>
        {
            var (version, length) = (text.Version, text.Length);
            for (var i = 0; i < PushesEach; i++, length++)
            {
                version = await live.PushAsync(text.StoryId, Field, version, [new Update($"layla-{text.StoryId:N}"[..20], ChangeSet.Replace(length, 0, 0, "x"))],
                    layla.Id, layla.DisplayName, 1_000, suggestOnly: false, CancellationToken.None);
            }

            return version;
        }));
        Assert.All(versions, version => Assert.Equal(PushesEach, version));

        var backends = new List<(string Application, bool Touched)>();
        await using (var command = new NpgsqlCommand(
            "SELECT application_name, state_change > @since FROM pg_stat_activity " +
            "WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()", probe))
        {
            command.Parameters.AddWithValue("since", since);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                backends.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }

        var commits = backends.Where(b => b.Application == CommitContexts.ApplicationName).ToList();
        var others = backends.Where(b => b.Application != CommitContexts.ApplicationName).ToList();
        Assert.InRange(commits.Count, 1, CommitContexts.Connections);
        Assert.InRange(others.Count, 24, int.MaxValue);
        Assert.DoesNotContain(others, b => b.Touched);

        foreach (var storyId in stories)
        {
            await live.MarkSavedAsync(storyId, Field, PushesEach, CancellationToken.None);
            var sessions = App.Services.GetRequiredService<TextSessions>();
            Assert.True(sessions.TryForget(sessions.Find(storyId, Field)!, TimeSpan.Zero));
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
