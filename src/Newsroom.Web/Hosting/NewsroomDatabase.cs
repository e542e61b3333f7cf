using Newsroom.Application.Data;

namespace Newsroom.Web.Hosting;

/// <summary>Where the database is: the configured one, or else a local cluster this process starts and stops.</summary>
internal static class NewsroomDatabase
{
    public const string DatabaseName = "newsroom";

    public static async Task<(string ConnectionString, LocalPostgresCluster? LocalCluster)> ResolveAsync(
        IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var configured = configuration.GetConnectionString("Newsroom");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, null);
        }

        var directory = Path.Combine(
            environment.ContentRootPath, configuration["LocalDatabase:Directory"] ?? ".data/postgres");
        var cluster = await LocalPostgresCluster.StartAsync(
            directory, configuration.GetValue("LocalDatabase:Port", 0), logger);
        try
        {
            await cluster.EnsureDatabaseAsync(DatabaseName, CancellationToken.None);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return (cluster.ConnectionString(DatabaseName), cluster);
    }
}
