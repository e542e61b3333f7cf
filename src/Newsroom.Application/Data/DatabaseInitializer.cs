using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations, makes sure the roles exist and, when asked, seeds the demo data.</summary>
    public static async Task InitializeAsync(
        IServiceProvider services, bool seedDemoData, CancellationToken cancellationToken = default) =>
        await InitializeAsync(services, seedDemoData, bootstrapAdmin: null, cancellationToken);

    /// <remarks>
    /// <paramref name="bootstrapAdmin"/> is the first administrator of a fresh production database, made only while no
    /// administrator exists: someone has to be able to sign in and create the other accounts, and there is no
    /// self-registration.
    /// </remarks>
    public static async Task InitializeAsync(
        IServiceProvider services, bool seedDemoData, BootstrapAdmin? bootstrapAdmin,
        CancellationToken cancellationToken = default)
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

        var users = provider.GetRequiredService<UserManager<NewsroomUser>>();
        if (bootstrapAdmin is { Email.Length: > 0, Password.Length: > 0 }
            && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0)
        {
            var admin = new NewsroomUser
            {
                UserName = bootstrapAdmin.Email,
                Email = bootstrapAdmin.Email,
                EmailConfirmed = true,
                DisplayName = "Administrator",
            };
            var created = await users.CreateAsync(admin, bootstrapAdmin.Password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(admin, Roles.Admin);
            }

            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    "Newsroom:BootstrapAdmin could not be created: " +
                    string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }

        if (seedDemoData)
        {
            await DemoData.SeedAsync(
                users, db,
                provider.GetRequiredService<TimeProvider>(), cancellationToken);
        }
    }
}

/// <summary>The first administrator's sign-in, from configuration (never from the repository).</summary>
public sealed record BootstrapAdmin(string? Email, string? Password);
