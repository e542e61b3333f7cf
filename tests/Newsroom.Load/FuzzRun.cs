using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Load;

public sealed record FuzzResult(
    int Calls, double Seconds, IReadOnlyDictionary<string, int> Outcomes, int ValidPushes, int ValidPushesFailed,
    double ValidMaxMs, int FuzzRowsInLog, bool ServerUp, bool Converged, bool DatabaseMatches, bool AccountsUnchanged)
{
    public bool Passed => ServerUp && ValidPushesFailed == 0 && FuzzRowsInLog == 0 && Converged && DatabaseMatches
                          && AccountsUnchanged && Outcomes.GetValueOrDefault("server error (hidden)") == 0
                          && !Outcomes.Keys.Any(o => o.StartsWith("let through:", StringComparison.Ordinal));
}

/// <summary>
/// Random and malformed calls to /hubs/collab from several connections (an editor, a reporter who is not on the
/// story, an admin spoofing the editor's client id, and callers with no sign-in) while one real editor keeps typing.
/// The server must stay up, answer the real editor throughout, and let only the real editor's pushes change the text.
/// Now and then a caller tries the other edges instead: account commands from a role that may not send them, a hub
/// negotiated from a forged Origin, and a message far over the limit on Blazor's circuit hub; none may get through,
/// and no account may change.
/// </summary>
public static class FuzzRun
{
    private const string Field = "body";

    public static async Task<FuzzResult> RunAsync(Rig rig, int calls, TextWriter log)
    {
        log.WriteLine($"Fuzz: {calls:N0} random and malformed hub calls while an editor types");
        var editor = DemoData.Accounts.First(a => a.Role == "Editor");
        var reporter = DemoData.Accounts.First(a => a.Role == "Reporter");
        var admin = DemoData.Accounts.First(a => a.Role == "Admin");
        using var api = await rig.EditorApiAsync();
        using var created = await api.PostAsJsonAsync("/api/stories",
            new CreateStory.Command($"fuzz-{Guid.NewGuid():N}", "ar", "Local", "اختبار", Body: "نص أول.\nFirst text."));
        created.EnsureSuccessStatusCode();
        var story = (await created.Content.ReadFromJsonAsync<CreateStory.Result>())!.StoryId;
        var accountsBefore = await AccountsAsync(rig);

        var valid = await HubTextClient.JoinAsync(await rig.ConnectAsync(CollabPath, editor.Email, editor.Password), story, Field, "the-real-editor");
        using var stop = new CancellationTokenSource();
        var (validPushes, validFailed, validMax) = (0, 0, 0.0);
        var typing = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await valid.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, i % 2 == 0 ? "ن" : "e"));
                var clock = Stopwatch.StartNew();
                try
                {
                    await valid.PushAsync();
                    validPushes++;
                    validMax = Math.Max(validMax, clock.Elapsed.TotalMilliseconds);
                }
                catch (Exception e) when (e is HubException or InvalidOperationException or IOException)
                {
                    validFailed++;
                }

                await Task.Delay(50);
            }
        });

        var outcomes = new ConcurrentDictionary<string, int>();
        var remaining = calls;
        var callers = new (string Email, string Password, string Kind)[]
        {
            (editor.Email, editor.Password, "editor"), (editor.Email, editor.Password, "editor"), (editor.Email, editor.Password, "editor"),
            (editor.Email, editor.Password, "editor"), (editor.Email, editor.Password, "editor"), (editor.Email, editor.Password, "editor"),
            (reporter.Email, reporter.Password, "reporter"), (reporter.Email, reporter.Password, "reporter"),
            (admin.Email, admin.Password, "admin"), (admin.Email, admin.Password, "admin"),
        };
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(callers.Select(async (caller, c) =>
        {
            var random = new Random(c + 11);
            RawHubClient? connection = null;
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (random.Next(1000) == 0)
                {
                    outcomes.AddOrUpdate(await UnauthenticatedAsync(rig), 1, (_, n) => n + 1);
                    continue;
                }

                if (random.Next(200) == 0)
                {
                    outcomes.AddOrUpdate(await EdgeCallAsync(rig, random, caller, accountsBefore.Keys.ToArray()), 1, (_, n) => n + 1);
                    continue;
                }

                connection ??= await RawHubClient.ConnectAsync(ConnectAsync, new Uri(rig.BaseAddress, CollabPath), await rig.TokenAsync(caller.Email, caller.Password));
                // The version and the length at it, read together: a length read after a broadcast, beside the version
                // before it, once made a "wrong length" push (a retain-only change) exactly right, which was accepted.
                var (version, length) = valid.Synced;
                var (method, arguments) = FuzzCall.Make(random, story, version, length, caller.Kind);
                var (outcome, closed) = await InvokeAsync(connection, method, arguments);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                if (closed)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await typing;
        await valid.SettleAsync(TimeSpan.FromSeconds(30));

        using var health = await new HttpClient { BaseAddress = rig.BaseAddress }.GetAsync("/health");
        var serverUp = !rig.App.Process.HasExited && health.IsSuccessStatusCode;
        var logged = await UpdateLog.ReadAsync(rig, story, Field);
        var reader = await HubTextClient.JoinAsync(await rig.ConnectAsync(CollabPath, editor.Email, editor.Password), story, Field, "reader");
        var result = new FuzzResult(
            calls, Math.Round(seconds, 1), outcomes.OrderByDescending(o => o.Value).ToDictionary(o => o.Key, o => o.Value),
            validPushes, validFailed, Math.Round(validMax, 1), logged.ClientIds.Count(c => c != "the-real-editor"), serverUp,
            reader.Doc == valid.Doc, logged.Text == valid.Doc, Same(accountsBefore, await AccountsAsync(rig)));
        await reader.DisposeAsync();
        await valid.DisposeAsync();
        log.WriteLine($"  {calls:N0} calls in {seconds:N0} s; the real editor: {validPushes:N0} pushes, {validFailed} failed, slowest {validMax:N0} ms; " +
                      $"rows not from the real editor: {result.FuzzRowsInLog}; accounts unchanged: {result.AccountsUnchanged}; server up: {serverUp}");
        foreach (var (outcome, count) in result.Outcomes)
        {
            log.WriteLine($"    {count,7:N0}  {outcome}");
        }

        return result;
    }

    private const string CollabPath = "/hubs/collab";

    private static async Task<string> UnauthenticatedAsync(Rig rig)
    {
        await using var anonymous = new HubConnectionBuilder().WithUrl(new Uri(rig.BaseAddress, CollabPath)).Build();
        try
        {
            await anonymous.StartAsync();
            return "connected without signing in";
        }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            return "refused: not signed in (401)";
        }
    }

    /// <summary>Every account's role, disabled mark and security stamp: a refused account command changes none.</summary>
    private static async Task<Dictionary<Guid, string>> AccountsAsync(Rig rig)
    {
        var options = new DbContextOptionsBuilder<NewsroomDbContext>();
        DataRegistration.Configure(options, rig.ConnectionString);
        await using var db = new NewsroomDbContext(options.Options);
        var roles = await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync();
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisabledAt, u.SecurityStamp, u.PasswordHash }).ToListAsync();
        return users.ToDictionary(u => u.Id, u =>
            $"{string.Join(",", roles.Where(r => r.UserId == u.Id).Select(r => r.Name).Order())}|{u.DisabledAt}|{u.SecurityStamp}|{u.PasswordHash}");
    }

    private static bool Same(Dictionary<Guid, string> before, Dictionary<Guid, string> after) =>
        before.Count == after.Count && before.All(b => after.TryGetValue(b.Key, out var a) && a == b.Value);

    /// <summary>One call at another edge. An outcome starting "let through:" fails the run.</summary>
    private static async Task<string> EdgeCallAsync(
        Rig rig, Random random, (string Email, string Password, string Kind) caller, Guid[] accounts)
    {
        using var http = new HttpClient { BaseAddress = rig.BaseAddress };
        var token = await rig.TokenAsync(caller.Email, caller.Password);
        switch (caller.Kind == "admin" ? 1 + random.Next(2) : random.Next(3))
        {
            case 0:
            {
                // Only admins manage access; editors and reporters are refused, whatever they try.
                var target = accounts[random.Next(accounts.Length)];
                using var request = random.Next(4) switch
                {
                    0 => new HttpRequestMessage(HttpMethod.Post, $"/api/users/{target}/disable"),
                    1 => new HttpRequestMessage(HttpMethod.Post, $"/api/users/{target}/enable"),
                    2 => new HttpRequestMessage(HttpMethod.Put, $"/api/users/{target}/role") { Content = JsonContent.Create(new { role = "Admin" }) },
                    _ => new HttpRequestMessage(HttpMethod.Post, $"/api/users/{target}/password-reset"),
                };
                request.Headers.Authorization = new("Bearer", token);
                using var response = await http.SendAsync(request);
                return response.StatusCode == System.Net.HttpStatusCode.Forbidden
                    ? $"refused: account command as {caller.Kind} (403)"
                    : $"let through: account command as {caller.Kind} ({(int)response.StatusCode})";
            }
            case 1:
            {
                // A page on another site must not open a live connection with the person's credentials.
                using var request = new HttpRequestMessage(HttpMethod.Post, CollabPath + "/negotiate?negotiateVersion=1");
                request.Headers.Authorization = new("Bearer", token);
                request.Headers.Add("Origin", "https://elsewhere.example");
                using var response = await http.SendAsync(request);
                return response.StatusCode == System.Net.HttpStatusCode.Forbidden
                    ? "refused: hub negotiated from a forged Origin (403)"
                    : $"let through: hub negotiated from a forged Origin ({(int)response.StatusCode})";
            }
            default:
                return await OversizedBlazorMessageAsync(rig, http);
        }
    }

    /// <summary>
    /// Blazor's circuit hub keeps SignalR's 32 KB limit: a 200 KB message (a blazorpack frame: a varint length, then
    /// MessagePack) must close the connection, not be read.
    /// </summary>
    private static async Task<string> OversizedBlazorMessageAsync(Rig rig, HttpClient http)
    {
        using var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        if (!negotiate.IsSuccessStatusCode)
        {
            return $"refused: Blazor negotiate ({(int)negotiate.StatusCode})";
        }

        var id = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();
        using var socket = new ClientWebSocket();
        var uri = new UriBuilder(new Uri(rig.BaseAddress, $"/_blazor?id={id}")) { Scheme = "ws" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        await socket.SendAsync("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[4096];
        await socket.ReceiveAsync(buffer, timeout.Token); // the handshake's answer

        // A well-formed invocation of a method nobody has, with one 200 KB string argument and no invocation id: read,
        // it would be ignored and the connection would stay open; over the limit it must close the connection.
        const int size = 200_000;
        var message = new List<byte> { 0x95, 0x01, 0x80, 0xc0, 0xa1, (byte)'X', 0x91, 0xdb };
        message.AddRange(BitConverter.IsLittleEndian ? BitConverter.GetBytes(size).Reverse() : BitConverter.GetBytes(size));
        message.AddRange(Enumerable.Repeat((byte)'a', size));
        var frame = new List<byte>();
        for (var length = (uint)message.Count; ; length >>= 7)
        {
            frame.Add((byte)(length < 0x80 ? length : (length & 0x7f) | 0x80));
            if (length < 0x80)
            {
                break;
            }
        }

        frame.AddRange(message);
        try
        {
            await socket.SendAsync(frame.ToArray(), WebSocketMessageType.Binary, true, timeout.Token);
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return "refused: oversized message on the Blazor hub (connection closed)";
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            return e is OperationCanceledException
                ? "let through: oversized message on the Blazor hub (still open after 10 s)"
                : "refused: oversized message on the Blazor hub (connection closed)";
        }
    }

    private static async Task<WebSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, cancellationToken);
        return socket;
    }

    private static async Task<(string Outcome, bool Closed)> InvokeAsync(RawHubClient connection, string method, string arguments)
    {
        try
        {
            var completion = await connection.InvokeRawAsync(method, arguments).WaitAsync(TimeSpan.FromSeconds(30));
            return completion.TryGetProperty("error", out var error)
                ? (Classify(error.GetString() ?? ""), false)
                : ($"accepted: {method} (changes nothing)", false);
        }
        catch (Exception e) when (e is InvalidOperationException or WebSocketException or IOException)
        {
            return (e.Message.Contains("too large", StringComparison.OrdinalIgnoreCase) || arguments.Length > 1_000_000
                ? "connection closed by the server: message too large"
                : "connection closed by the server: not a valid message", true);
        }
    }

    /// <summary>The refusal's kind, from the reason the server gives.</summary>
    private static string Classify(string message)
    {
        var reason = message.Contains("HubException: ", StringComparison.Ordinal) ? message[(message.IndexOf("HubException: ", StringComparison.Ordinal) + 14)..] : message;
        (string Marker, string Kind)[] kinds =
        [
            ("invalid UTF-16", "refused: lone surrogate"),
            ("not ChangeSet.toJSON", "refused: not a change set"),
            ("expects a text of", "refused: wrong length for the version"),
            ("lone", "refused: lone surrogate"),
            ("splits a character", "refused: splits a surrogate pair"),
            ("at most", "refused: too large"),
            ("the limit is", "refused: text would be too long"),
            ("Push between", "refused: too many or no updates"),
            ("clientId", "refused: bad client id"),
            ("belongs to someone else", "refused: someone else's client id"),
            ("Field must", "refused: unknown field"),
            ("was not found", "refused: unknown story"),
            ("does not exist yet", "refused: version from the future"),
            ("older than the oldest", "refused: version too old"),
            ("Can't edit", "refused: may not edit this story"),
            ("Not allowed", "refused: role not allowed"),
            ("must be greater than or equal", "refused: negative number"),
            ("Method does not exist", "refused: unknown method"),
            ("Error binding arguments", "refused: arguments of the wrong type"),
            ("Invocation provides", "refused: wrong number of arguments"),
            ("Failed to invoke", "refused: arguments of the wrong type"),
            ("An unexpected error occurred", "server error (hidden)"),
        ];
        return kinds.FirstOrDefault(k => reason.Contains(k.Marker, StringComparison.Ordinal)).Kind ?? $"refused: {reason[..Math.Min(60, reason.Length)]}";
    }
}
