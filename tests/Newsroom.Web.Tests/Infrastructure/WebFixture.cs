using System.Net.Http.Headers;
using System.Net.Http.Json;
using MediatR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Newsroom.Application.Data;
using Newsroom.Testing;

namespace Newsroom.Web.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}

/// <summary>The whole app in-process (Development, demo data) against a real PostgreSQL.</summary>
public sealed class WebFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;

    public WebApplicationFactory<Program> Factory { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.StartAsync("web");
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Newsroom", Database.ConnectionString)
            .UseSetting("Newsroom:SeedDemoData", "true")
            // The tests make the stories they need; the demo newsroom has its own tests.
            .UseSetting("Newsroom:SeedDemoStories", "false")
            // Every test posts from the same (test server) address; the limit itself has its own test.
            .UseSetting("ReaderComments:PermitLimit", "10000")
            .UseSetting("SignIn:PermitLimit", "10000")
            .UseSetting("ReaderSearch:PermitLimit", "10000")
            // Simulated editors replay typing traces as fast as the hub answers; the push cap has its own test.
            .UseSetting("Hubs:PushesPerSecondPerPerson", "1000000")
            .UseSetting("Hubs:PushBurstPerPerson", "1000000")
            // Withdrawn access is noticed within this; production's 30 s would make the tests wait.
            .UseSetting("Security:AccessCheckSeconds", "1"));
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Empty tables, then the demo accounts and stories again.</summary>
    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        await DatabaseInitializer.SeedAsync(Factory.Services, seedDemoData: true);
    }

    /// <summary>Sends a request as a demo account would from a page: its real claims, a fresh scope.</summary>
    public Task<TResponse> SendAsAsync<TResponse>(string email, IRequest<TResponse> request) =>
        Factory.Services.SendAsAsync(email, request);

    /// <summary>A real SignalR connection over WebSockets to <paramref name="hubPath"/>, signed in with a bearer token.</summary>
    public async Task<HubConnection> HubAsync(string hubPath, string email, string password,
        Func<IHubConnectionBuilder, IHubConnectionBuilder>? configure = null) =>
        TestHubs.Connect(Factory.Server, hubPath, await LoginAsync(email, password), configure: configure);

    /// <summary>A hand-driven WebSocket to a hub, for sending what no client library would.</summary>
    public async Task<RawHubClient> RawHubAsync(string hubPath, string email, string password)
    {
        var token = await LoginAsync(email, password);
        var server = Factory.Server;
        return await RawHubClient.ConnectAsync(
            (uri, ct) => server.CreateWebSocketClient().ConnectAsync(uri, ct), new Uri(server.BaseAddress, hubPath), token);
    }

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<string> LoginAsync(string email, string password) => (await LoginFullyAsync(email, password)).AccessToken;

    public async Task<HttpClient> ClientForAsync(string email, string password)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(email, password));
        return client;
    }

    /// <summary>A new story by <paramref name="email"/>, created over the HTTP API as a page would; its id.</summary>
    public async Task<Guid> NewStoryAsync(string email, string password, string headline, string body = "")
    {
        using var author = await ClientForAsync(email, password);
        using var created = await author.PostAsJsonAsync("/api/stories", new
        {
            slug = $"story-{Guid.NewGuid():N}",
            language = "en",
            desk = "Local",
            headline,
            body,
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("storyId").GetGuid();
    }

    public Task<HttpClient> ReporterAsync() => ClientForAsync("tom.becker@newsroom.test", "Reporter-demo-2");

    public Task<HttpClient> AdminAsync() => ClientForAsync("admin@newsroom.test", "Admin-demo-1");

    public Task<HttpClient> EditorAsync() => ClientForAsync("samira.nasser@newsroom.test", "Editor-demo-1");

    public async Task<LoginResponse> LoginFullyAsync(string email, string password)
    {
        using var response = await Anonymous().PostAsJsonAsync("/api/identity/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginResponse>())!;
    }

    public async Task<Guid> UserIdAsync(string email)
    {
        await using var db = Database.CreateContext();
        return db.Users.Single(u => u.Email == email).Id;
    }

    public sealed record LoginResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);
}

[Collection(WebCollection.Name)]
public abstract class WebTest(WebFixture web) : IAsyncLifetime
{
    protected WebFixture Web { get; } = web;

    public Task InitializeAsync() => Web.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
