using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>The server killed with SIGKILL while people type, then started again.</summary>
public sealed class ServerCrashTests(WebFixture web) : WebTest(web)
{
    private static readonly (string Email, string Password)[] People =
    [
        ("layla.haddad@newsroom.test", "Reporter-demo-1"),
        ("samira.nasser@newsroom.test", "Editor-demo-1"),
        ("admin@newsroom.test", "Admin-demo-1"),
    ];

    [Fact]
    public async Task No_acknowledged_edit_is_lost_and_unconfirmed_ones_are_resent_exactly_once()
    {
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Newsroom"] = Web.Database.ConnectionString };
        var story = await Web.SendAsAsync(People[0].Email, new Application.Features.Stories.CreateStory.Command(
            $"crash-{Guid.NewGuid():N}", "ar", "Local", "انقطاع", Body: "قبل"));
        using var app = AppProcess.Start(environment);
        await app.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(60));

        var clients = new List<HubTextClient>();
        foreach (var (person, i) in People.Select((p, i) => (p, i)))
        {
            clients.Add(await HubTextClient.JoinAsync(await ConnectAsync(app, person), story.StoryId, "body", $"typist-{i}"));
        }

        var markers = new MarkerTyping();
        using var stop = new CancellationTokenSource();
        // The server is gone: the edit stays unconfirmed, as in a browser, until it comes back.
        var typing = clients.Select((client, i) => markers.TypeUntilStoppedAsync(client, i, e => e is HubException or InvalidOperationException
            or OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException, stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        app.Kill();
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        await stop.CancelAsync();
        await Task.WhenAll(typing);
        Assert.NotEmpty(markers.Acknowledged);
        Assert.Contains(clients, c => c.HasUnconfirmed);

        using var restarted = AppProcess.Start(environment, app.Port);
        await restarted.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(60));
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            await client.ReconnectAsync(await ConnectAsync(restarted, People[i]));
        }

        foreach (var client in clients)
        {
            await client.SettleAsync(TimeSpan.FromSeconds(30));
        }

        foreach (var client in clients)
        {
            await client.PullAsync();
        }

        var text = clients[0].Doc;
        Assert.All(clients, c => Assert.Equal(text, c.Doc));
        markers.AssertAllLandedOnce(text);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<HubConnection> ConnectAsync(AppProcess app, (string Email, string Password) person)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var login = await http.PostAsJsonAsync("/api/identity/login", new { email = person.Email, password = person.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, CollabHub.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
    }
}
