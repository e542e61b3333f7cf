using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

public sealed class NewsroomHubTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task A_client_with_a_bearer_token_in_the_query_string_hears_about_a_new_story()
    {
        var token = await Web.LoginAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await using var connection = Connect(() => token);
        var heard = new TaskCompletionSource<StoryChangedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<StoryChangedMessage>(nameof(INewsroomClient.StoryChanged), message => heard.TrySetResult(message));
        await connection.StartAsync();

        using var reporter = await Web.ReporterAsync();
        using var created = await reporter.PostAsJsonAsync("/api/stories",
            new { slug = "tram-strike", language = "en", desk = "Transport", headline = "Tram drivers vote to strike" });
        created.EnsureSuccessStatusCode();

        var message = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("tram-strike", "Tram drivers vote to strike"), (message.Slug, message.Headline));
    }

    [Fact]
    public async Task A_client_without_a_token_is_refused()
    {
        await using var connection = Connect(() => null);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private HubConnection Connect(Func<string?> token)
    {
        var server = Web.Factory.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, NewsroomHub.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult(token());
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                // A browser cannot set headers on a WebSocket, so its SignalR client puts the token in the query
                // string; this test connects the same way.
                options.WebSocketFactory = (context, cancellationToken) =>
                {
                    var uri = token() is { } value
                        ? new Uri($"{context.Uri}{(context.Uri.Query.Length > 0 ? '&' : '?')}access_token={Uri.EscapeDataString(value)}")
                        : context.Uri;
                    return new ValueTask<System.Net.WebSockets.WebSocket>(server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken));
                };
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
    }
}
