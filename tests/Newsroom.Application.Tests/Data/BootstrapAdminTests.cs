using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Application.Tests.Infrastructure;

namespace Newsroom.Application.Tests.Data;

public sealed class BootstrapAdminTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task The_first_administrator_is_made_once_and_only_while_there_is_none()
    {
        var first = new BootstrapAdmin("chief@newsroom.test", "First-admin-password-1");

        await DatabaseInitializer.InitializeAsync(App.Services, seedDemoData: false, first);
        await DatabaseInitializer.InitializeAsync(App.Services, seedDemoData: false, first with { Email = "second@newsroom.test" });

        await using var db = App.Database.CreateContext();
        Assert.Equal(["chief@newsroom.test"], await db.Users.Select(u => u.Email).ToListAsync());
    }

    [Fact]
    public async Task A_weak_bootstrap_password_stops_start_up_with_the_reason()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DatabaseInitializer.InitializeAsync(App.Services, seedDemoData: false, new BootstrapAdmin("chief@newsroom.test", "short")));

        Assert.Contains("at least 12 characters", failure.Message, StringComparison.Ordinal);
    }
}
