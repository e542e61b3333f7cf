using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations, then <see cref="SeedAsync"/>.</summary>
    public static async Task<bool> InitializeAsync(
        IServiceProvider services, bool seedDemoData, BootstrapAdmin? bootstrapAdmin = null,
        bool demoStories = false, CancellationToken cancellationToken = default)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsroomDbContext>();
            // On an empty database EF Core reads its history table before making it, and logs that failed read as
            // an error (dotnet/efcore#37328): a healthy first start would print "fail:". Making the table first
            // leaves the migrator nothing to stumble on.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken))
            {
                await creator.CreateAsync(cancellationToken);
            }

            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }

        return await SeedAsync(services, seedDemoData, bootstrapAdmin, demoStories, cancellationToken);
    }

    /// <summary>
    /// Makes sure the roles exist; makes the bootstrap administrator while there is none (someone has to be able to
    /// sign in and create the other accounts, and there is no self-registration); seeds the demo accounts when
    /// asked, and with <paramref name="demoStories"/> the whole demo newsroom (<see cref="DemoStories"/>).
    /// </summary>
    /// <returns>False when demo data was asked for but refused, because the database holds real accounts.</returns>
    public static async Task<bool> SeedAsync(
        IServiceProvider services, bool seedDemoData, BootstrapAdmin? bootstrapAdmin = null,
        bool demoStories = false, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var roles = provider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        var users = provider.GetRequiredService<UserManager<NewsroomUser>>();
        if (bootstrapAdmin is { Email.Length: > 0, Password.Length: > 0 }
            && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0)
        {
            await CreateBootstrapAdminAsync(users, bootstrapAdmin);
        }

        return !seedDemoData || await DemoData.SeedAsync(
            users, provider.GetRequiredService<NewsroomDbContext>(), provider.GetRequiredService<TimeProvider>(),
            demoStories, cancellationToken);
    }

    private static async Task CreateBootstrapAdminAsync(UserManager<NewsroomUser> users, BootstrapAdmin bootstrapAdmin)
    {
        var admin = new NewsroomUser
        {
            UserName = bootstrapAdmin.Email,
            Email = bootstrapAdmin.Email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
        };
        var created = await users.CreateAsync(admin, bootstrapAdmin.Password!);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(admin, Roles.Admin);
        }

        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                "Newsroom:BootstrapAdmin could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>The first administrator's sign-in, from configuration (never from the repository).</summary>
public sealed record BootstrapAdmin(string? Email, string? Password);
