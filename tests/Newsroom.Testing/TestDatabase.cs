using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Newsroom.Application.Data;
using Npgsql;
using Respawn;

namespace Newsroom.Testing;

/// <summary>
/// A real PostgreSQL for one test assembly: a throwaway cluster of its own, or, when <c>NEWSROOM_TEST_DB</c> names
/// a server, a database there named after the given one plus the assembly's suffix (so test assemblies that run
/// side by side never share tables). Migrations run once; <see cref="ResetAsync"/> empties every table between tests.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "NEWSROOM_TEST_DB";

    private readonly LocalPostgresCluster? _cluster;
    private Respawner? _respawner;

    private TestDatabase(string connectionString, LocalPostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> StartAsync(string suffix)
    {
        TestDatabase database;
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            var server = new NpgsqlConnectionStringBuilder(configured);
            var name = $"{server.Database ?? "newsroom"}_{suffix}";
            await LocalPostgresCluster.EnsureDatabaseAsync(configured, name, CancellationToken.None);
            database = new TestDatabase(new NpgsqlConnectionStringBuilder(configured) { Database = name }.ConnectionString, null);
        }
        else
        {
            var cluster = await LocalPostgresCluster.StartTemporaryAsync(NullLogger.Instance, CancellationToken.None);
            await cluster.EnsureDatabaseAsync("newsroom_tests", CancellationToken.None);
            database = new TestDatabase(cluster.ConnectionString("newsroom_tests"), cluster);
        }

        await database.MigrateAsync();
        return database;
    }

    public NewsroomDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<NewsroomDbContext>();
        DataRegistration.Configure(options, ConnectionString);
        return new NewsroomDbContext(options.Options);
    }

    /// <summary>Empties every table but the migrations history.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__ef_migrations_history"],
        });
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _respawner.ResetAsync(connection);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // The app's background ticks (idle live texts saved, scheduled stories published) lock story rows and
                // may still be running from the last test; PostgreSQL picked the reset as the victim. Emptying the
                // tables again is harmless.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }
}
