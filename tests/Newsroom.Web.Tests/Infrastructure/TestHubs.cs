using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace Newsroom.Web.Tests.Infrastructure;

public static class TestHubs
{
    /// <summary>
    /// A hub connection to an in-process server over WebSockets, carrying the token as a browser does: a header on
    /// negotiate (plain HTTP), <c>access_token</c> in the WebSocket's URL; with <paramref name="culture"/>, the connection
    /// speaks that language (<c>?culture=</c>, as a page's interface cookie would say it).
    /// </summary>
    /// <remarks><paramref name="configure"/> may change the builder first (the protocol, for one).</remarks>
    public static HubConnection Connect(
        TestServer server, string hubPath, string token, string? culture = null, Func<IHubConnectionBuilder, IHubConnectionBuilder>? configure = null) =>
        (configure ?? (builder => builder))(new HubConnectionBuilder())
            .WithUrl(new Uri(server.BaseAddress, hubPath), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = (context, cancellationToken) => new ValueTask<System.Net.WebSockets.WebSocket>(
                    server.CreateWebSocketClient().ConnectAsync(
                        new Uri($"{context.Uri}{(context.Uri.Query.Length > 0 ? '&' : '?')}access_token={Uri.EscapeDataString(token)}{(culture is null ? "" : $"&culture={culture}")}"),
                        cancellationToken));
            })
            .Build();
}
