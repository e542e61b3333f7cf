using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Newsroom.Application.Data;

/// <summary>
/// Contexts for the live texts' commit rounds (<c>UpdateLog</c>), on a connection pool of their own of at most
/// <see cref="Connections"/>, named <see cref="ApplicationName"/> in <c>pg_stat_activity</c>.
/// </summary>
/// <remarks>
/// Npgsql hands out its idle connections first in, first out. On the app's shared pool, which grows to a hundred
/// connections when a thousand editors open their texts at once, each commit round therefore ran on the backend used
/// longest ago: cold caches, and shared buffers that backend had not mapped yet. PostgreSQL spent about 2 ms of CPU a
/// round; here, where an instance commits one round at a time and so keeps one or two backends busy, about 1 ms
/// (ADR-037).
/// </remarks>
public sealed class CommitContexts(string connectionString) : IDbContextFactory<NewsroomDbContext>
{
    /// <summary>An instance commits one round at a time; a second connection covers one being replaced.</summary>
    public const int Connections = 4;

    public const string ApplicationName = "Newsroom live commits";

    private readonly PooledDbContextFactory<NewsroomDbContext> _contexts = new(Options(connectionString));

    public NewsroomDbContext CreateDbContext() => _contexts.CreateDbContext();

    public Task<NewsroomDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        _contexts.CreateDbContextAsync(cancellationToken);

    private static DbContextOptions<NewsroomDbContext> Options(string connectionString)
    {
        var own = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Connections, ApplicationName = ApplicationName };
        var options = new DbContextOptionsBuilder<NewsroomDbContext>();
        DataRegistration.Configure(options, own.ConnectionString);
        return options.Options;
    }
}
