using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Newsroom.Application.Data;

public static class DataRegistration
{
    /// <summary>
    /// One context per operation through the factory: a Blazor circuit outlives any unit of work and a DbContext is
    /// not thread-safe, so nothing holds a context across awaits of unrelated work. The factory pools its contexts:
    /// building a context's services anew was 4% of the server's CPU at 1,000 editors, one per group commit (ADR-030).
    /// </summary>
    public static IServiceCollection AddNewsroomData(this IServiceCollection services, string connectionString)
    {
        services.AddPooledDbContextFactory<NewsroomDbContext>(options => Configure(options, connectionString));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<NewsroomDbContext>>().CreateDbContext());
        services.AddSingleton(new CommitContexts(connectionString));
        return services;
    }

    /// <remarks>
    /// EF Core's own error events (a command, a connection, a query or a save that failed) are logged at Debug: the
    /// exception reaches the request, whose log line says what failed (LoggingBehavior), or it is expected and handled
    /// (a lost race for a version), or the database is out of reach, which is one incident (DatabaseOutage). At Error
    /// they were a stack trace per statement, and about 100 MB a minute while PostgreSQL was down under typing.
    /// </remarks>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
}
