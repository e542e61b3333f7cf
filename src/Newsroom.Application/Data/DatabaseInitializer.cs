using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations, makes sure the roles exist and, when asked, seeds the demo data.</summary>
    public static async Task InitializeAsync(
        IServiceProvider services, bool seedDemoData, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<NewsroomDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        var roles = provider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        if (seedDemoData)
        {
            await DemoData.SeedAsync(
                provider.GetRequiredService<UserManager<NewsroomUser>>(), db,
                provider.GetRequiredService<TimeProvider>(), cancellationToken);
        }
    }
}
