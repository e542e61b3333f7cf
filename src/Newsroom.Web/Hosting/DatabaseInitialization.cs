using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Newsroom.Application.Data;

namespace Newsroom.Web.Hosting;

/// <summary>
/// Migrates and seeds before the server takes requests (hosted services start before the server), then says where
/// the app is and how to sign in.
/// </summary>
internal sealed partial class DatabaseInitialization(
    IServiceProvider services,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<DatabaseInitialization> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seedDemoData = configuration.GetValue<bool>("Newsroom:SeedDemoData");
        var bootstrapAdmin = configuration.GetSection("Newsroom:BootstrapAdmin").Get<BootstrapAdmin>();
        if (!await DatabaseInitializer.InitializeAsync(services, seedDemoData, bootstrapAdmin, cancellationToken))
        {
            LogDemoDataRefused();
            seedDemoData = false;
        }

        lifetime.ApplicationStarted.Register(() => Announce(seedDemoData));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce(bool seededDemoData)
    {
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            LogListening(address);
        }

        if (seededDemoData)
        {
            foreach (var account in DemoData.Accounts)
            {
                LogDemoAccount(account.Role, account.Email, account.Password);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Demo data was not seeded: this database already holds real accounts. Set Newsroom__SeedDemoData=false to silence this.")]
    private partial void LogDemoDataRefused();

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsroom is running at {Address}")]
    private partial void LogListening(string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo {Role}: {Email} / {Password}")]
    private partial void LogDemoAccount(string role, string email, string password);
}
