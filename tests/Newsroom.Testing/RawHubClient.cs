using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Newsroom.Testing;

/// <summary>
/// Speaks SignalR's JSON protocol by hand over a WebSocket, so a test can send what no well-behaved client
/// library would: broken JSON, lone surrogates, wrong shapes. Each call returns the server's completion frame.
/// </summary>
public sealed class RawHubClient(WebSocket socket) : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private int _invocationId;

    public static async Task<RawHubClient> ConnectAsync(Func<Uri, CancellationToken, Task<WebSocket>> connect, Uri hubUrl, string token)
    {
        var builder = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws", Query = $"access_token={Uri.EscapeDataString(token)}" };
        var socket = await connect(builder.Uri, CancellationToken.None);
        var client = new RawHubClient(socket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReceiveAsync();
        return handshake.Trim(RecordSeparator) == "{}"
            ? client
            : throw new InvalidOperationException($"Handshake refused: {handshake}");
    }

    /// <summary>Invokes <paramref name="target"/> with <paramref name="argumentsJson"/> (a JSON array, sent as written).</summary>
    public async Task<JsonElement> InvokeRawAsync(string target, string argumentsJson)
    {
        var id = (++_invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}");
        while (true)
        {
            foreach (var frame in (await ReceiveAsync()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var message = JsonDocument.Parse(frame).RootElement;
                if (message.GetProperty("type").GetInt32() == 3 && message.GetProperty("invocationId").GetString() == id)
                {
                    return message.Clone();
                }

                if (message.GetProperty("type").GetInt32() == 7)
                {
                    throw new InvalidOperationException($"The server closed the connection: {frame}");
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        socket.Dispose();
    }

    private Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<string> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}
