using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Domain.Collab;
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

        var acknowledged = new ConcurrentBag<string>();
        var typed = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var typing = clients.Select((client, i) => TypeUntilStoppedAsync(client, i, typed, acknowledged, stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        app.Kill();
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        await stop.CancelAsync();
        await Task.WhenAll(typing);
        Assert.NotEmpty(acknowledged);
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
        Assert.All(acknowledged, marker => Assert.Contains(marker, text, StringComparison.Ordinal));
        Assert.All(typed, marker => Assert.Equal(1, (text.Length - text.Replace(marker, "", StringComparison.Ordinal).Length) / marker.Length));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    // Types markers at the end and pushes; a marker is acknowledged once a push that carried it returned.
    private static async Task TypeUntilStoppedAsync(
        HubTextClient client, int index, ConcurrentBag<string> typed, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        var pending = new List<string>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var marker = $"⟦{index}.{i}⟧";
            await client.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, " " + marker));
            typed.Add(marker);
            pending.Add(marker);
            try
            {
                await client.PushAsync();
                pending.ForEach(acknowledged.Add);
                pending.Clear();
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException)
            {
                // The server is gone: the edit stays unconfirmed, as in a browser, until it comes back.
            }

            await Task.Delay(20, CancellationToken.None);
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
