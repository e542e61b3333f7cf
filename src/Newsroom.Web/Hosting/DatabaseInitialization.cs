using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain.Dashboard;

namespace Newsroom.Web.Hosting;

/// <summary>
/// Migrates and seeds before the server takes requests (hosted services start before the server), then says, once,
/// where the app is, how to sign in and where the demo wall screen is: the first lines anyone trying it reads.
/// </summary>
internal sealed partial class DatabaseInitialization(
    IServiceProvider services,
    IDbContextFactory<NewsroomDbContext> dbFactory,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<DatabaseInitialization> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seedDemoData = configuration.GetValue<bool>("Newsroom:SeedDemoData");
        // The demo accounts alone (tests that make their own stories), or the whole demo newsroom (someone trying it).
        var demoStories = configuration.GetValue("Newsroom:SeedDemoStories", seedDemoData);
        var bootstrapAdmin = configuration.GetSection("Newsroom:BootstrapAdmin").Get<BootstrapAdmin>();
        if (!await DatabaseInitializer.InitializeAsync(
                services, seedDemoData, bootstrapAdmin, demoStories, cancellationToken))
        {
            LogDemoDataRefused();
            seedDemoData = false;
        }

        var wall = seedDemoData && await DemoWallIsOpenAsync(cancellationToken);
        lifetime.ApplicationStarted.Register(() => Announce(seedDemoData, wall));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> DemoWallIsOpenAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = DisplayLink.Hash(DemoStories.WallToken);
        return await db.DisplayLinks.AnyAsync(l => l.TokenHash == hash && l.RevokedAt == null, cancellationToken);
    }

    private void Announce(bool demoData, bool demoWall)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            LogListening(address);
        }

        if (demoData)
        {
            foreach (var account in DemoData.Accounts)
            {
                LogDemoAccount(account.Role, account.Email, account.Password);
            }
        }

        if (demoWall && addresses.FirstOrDefault() is { } first)
        {
            var wall = first.TrimEnd('/') + DemoStories.WallPath;
            LogDemoWall(wall);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Demo data was not seeded: this database holds real accounts and no demo ones. Set Newsroom__SeedDemoData=false to silence this.")]
    private partial void LogDemoDataRefused();

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsroom is running at {Address}")]
    private partial void LogListening(string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo {Role}: {Email} / {Password}")]
    private partial void LogDemoAccount(string role, string email, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo wall screen (no sign-in): {Url}")]
    private partial void LogDemoWall(string url);
}
