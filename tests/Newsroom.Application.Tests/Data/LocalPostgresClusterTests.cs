using Microsoft.Extensions.Logging.Abstractions;
using Newsroom.Application.Data;
using Npgsql;

namespace Newsroom.Application.Tests.Data;

public sealed class LocalPostgresClusterTests
{
    [Fact]
    public async Task A_stopped_cluster_starts_again_with_its_data_and_password()
    {
        var directory = Directory.CreateTempSubdirectory("newsroom-restart-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        try
        {
            await using (var first = await LocalPostgresCluster.StartAsync(directory, 0, NullLogger.Instance))
            {
                await first.EnsureDatabaseAsync("kept", CancellationToken.None);
                await ExecuteAsync(first.ConnectionString("kept"), "CREATE TABLE note (text text); INSERT INTO note VALUES ('survives')");
            }

            NpgsqlConnection.ClearAllPools();
            await using var second = await LocalPostgresCluster.StartAsync(directory, 0, NullLogger.Instance);
            await using var connection = new NpgsqlConnection(second.ConnectionString("kept"));
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT text FROM note", connection);
            Assert.Equal("survives", await read.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task It_accepts_only_its_password()
    {
        await using var cluster = await LocalPostgresCluster.StartTemporaryAsync(NullLogger.Instance, CancellationToken.None);
        var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString("postgres")) { Password = "guess" };

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(wrong.ConnectionString, "SELECT 1"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
