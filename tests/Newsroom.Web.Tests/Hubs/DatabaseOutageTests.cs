using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsroom.Application.Common.Resilience;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Localization;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>
/// PostgreSQL crashed (immediate stop) and started again with the same options while people type through real hub
/// connections. A cluster of its own, crash-safe like a real one, so the rest of the suite keeps its database.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DatabaseOutageTests
{
    // Long enough to ride out a restart on a busy machine (crash recovery took 2.6 s here with the suite running)...
    private const double RetrySeconds = 15;

    // ...and short for the outage that must outlast it.
    private static readonly TimeSpan ShortBudget = TimeSpan.FromSeconds(2);

    private static readonly (string Email, string Password)[] People =
    [
        ("layla.haddad@newsroom.test", "Reporter-demo-1"),
        ("samira.nasser@newsroom.test", "Editor-demo-1"),
        ("admin@newsroom.test", "Admin-demo-1"),
    ];

    [Fact]
    public async Task Pushes_ride_out_a_short_crash_and_a_long_one_is_refused_as_saving_paused_with_nothing_lost()
    {
        await using var cluster = await LocalPostgresCluster.StartTemporaryAsync(NullLogger.Instance, crashSafe: true, CancellationToken.None);
        await cluster.EnsureDatabaseAsync("newsroom_outage", CancellationToken.None);
        var logs = new RecordingLoggerProvider();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Newsroom", cluster.ConnectionString("newsroom_outage"))
            .UseSetting("Newsroom:SeedDemoData", "true")
            .UseSetting("Newsroom:SeedDemoStories", "false")
            .UseSetting("SignIn:PermitLimit", "10000")
            .UseSetting("Hubs:PushesPerSecondPerPerson", "1000000")
            .UseSetting("Hubs:PushBurstPerPerson", "1000000")
            .UseSetting("Database:RetrySeconds", RetrySeconds.ToString(CultureInfo.InvariantCulture))
            .ConfigureLogging(logging => logging.AddProvider(logs)));
        var story = await factory.Services.SendAsAsync(People[0].Email, new Application.Features.Stories.CreateStory.Command(
            $"outage-{Guid.NewGuid():N}", "en", "Local", "Outage", Body: "Before."));

        var clients = new List<HubTextClient>();
        foreach (var (person, i) in People.Select((p, i) => (p, i)))
        {
            var connection = TestHubs.Connect(factory.Server, CollabHub.Path, await LoginAsync(factory, person));
            clients.Add(await HubTextClient.JoinAsync(connection, story.StoryId, "body", $"typist-{i}"));
        }

        var markers = new MarkerTyping();
        var acknowledged = markers.Acknowledged;
        using var stop = new CancellationTokenSource();
        var typing = clients.Select((client, i) => markers.TypeUntilStoppedAsync(client, i, e => e is HubException, stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        logs.Clear();

        // Shorter than the retry budget: the pushes that meet it wait and go through; none fails.
        await cluster.CrashAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        await cluster.StartAgainAsync(CancellationToken.None);
        var beforeRestart = acknowledged.Count;
        await WaitUntilAsync(() => acknowledged.Count > beforeRestart + clients.Count, TimeSpan.FromSeconds(RetrySeconds));
        Assert.Empty(markers.Failures);

        // Longer than the budget: pushes are refused as saving paused, never with an unexpected error.
        factory.Services.GetRequiredService<IOptions<DatabaseOutage.Options>>().Value.RetryFor = ShortBudget;
        await cluster.CrashAsync(CancellationToken.None);
        await Task.Delay(ShortBudget * 2.5);
        using var anonymous = factory.CreateClient();
        using var unhealthy = await anonymous.GetAsync(new Uri("/health", UriKind.Relative));
        var health = await unhealthy.Content.ReadAsStringAsync();
        await cluster.StartAgainAsync(CancellationToken.None);
        var beforeSecondRestart = acknowledged.Count;
        await WaitUntilAsync(() => acknowledged.Count > beforeSecondRestart + clients.Count, TimeSpan.FromSeconds(RetrySeconds));
        await stop.CancelAsync();
        await Task.WhenAll(typing);

        foreach (var client in clients)
        {
            await client.SettleAsync(TimeSpan.FromSeconds(30));
        }

        var paused = RefusalText.Render(Refusal.Unavailable("saving.paused"), CultureInfo.GetCultureInfo("en"));
        Assert.NotEmpty(markers.Failures);
        Assert.All(markers.Failures, failure => Assert.EndsWith(paused, failure.Message, StringComparison.Ordinal));
        Assert.Contains("saving: Unhealthy: database unreachable since", health, StringComparison.Ordinal);
        Assert.Equal("Healthy", await anonymous.GetStringAsync(new Uri("/health", UriKind.Relative)));

        var text = clients[0].Doc;
        Assert.All(clients, c => Assert.Equal(text, c.Doc));
        markers.AssertAllLandedOnce(text);
        await using (var db = DatabaseContext(cluster))
        {
            // What the log holds is what everyone sees: nothing acknowledged was lost, nothing committed twice.
            var joined = await clients[0].Connection.InvokeAsync<JsonElement>(nameof(CollabHub.Join), story.StoryId, "body");
            Assert.Equal(text, joined.GetProperty("text").GetString());
            Assert.Equal(joined.GetProperty("version").GetInt32(), db.LiveTextUpdates.Count(u => u.StoryId == story.StoryId));
        }

        // Two incidents, a line as each began and a line as each ended; no stack traces, no error lines.
        var outageLines = logs.Lines.Where(l => l.Category == typeof(DatabaseOutage).FullName).ToList();
        Assert.Equal(2, outageLines.Count(l => l.Message.StartsWith("Database unreachable", StringComparison.Ordinal)));
        Assert.Equal(2, outageLines.Count(l => l.Message.StartsWith("Database reachable again", StringComparison.Ordinal)));
        // (/health's own checks log Error when polled during the outage: one line a poll, which is what they are for.)
        Assert.Empty(logs.Lines.Where(l => l.Level >= LogLevel.Error || (l.Level >= LogLevel.Information && l.Exception is not null))
            .Where(l => !l.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal))
            .Select(l => $"{l.Category}: {l.Message} {l.Exception?.GetType().Name}"));

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "typing did not get through again after the database came back");
            await Task.Delay(100);
        }
    }

    private static NewsroomDbContext DatabaseContext(LocalPostgresCluster cluster)
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<NewsroomDbContext>();
        DataRegistration.Configure(options, cluster.ConnectionString("newsroom_outage"));
        return new NewsroomDbContext(options.Options);
    }

    private static async Task<string> LoginAsync(WebApplicationFactory<Program> factory, (string Email, string Password) person)
    {
        using var http = factory.CreateClient();
        using var login = await http.PostAsJsonAsync("/api/identity/login", new { email = person.Email, password = person.Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
