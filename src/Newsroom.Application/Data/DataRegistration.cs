using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Newsroom.Application.Data;

public static class DataRegistration
{
    /// <summary>
    /// One context per operation through the factory: a Blazor circuit outlives any unit of work and a DbContext is
    /// not thread-safe, so nothing holds a context across awaits of unrelated work.
    /// </summary>
    public static IServiceCollection AddNewsroomData(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<NewsroomDbContext>(options => Configure(options, connectionString));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
