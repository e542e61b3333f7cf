using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;

namespace Newsroom.Load;

public enum Fault
{
    None,

    /// <summary>The server killed with SIGKILL halfway through, then started again.</summary>
    Kill,

    /// <summary>PostgreSQL crashed halfway through (an immediate stop), then started again with the same options.</summary>
    Postgres,

    /// <summary>A tenth of the connections dropped at random moments, each reconnecting.</summary>
    Drop,
}

/// <remarks>
/// <see cref="QuietWithinSeconds"/>: how long the typing waits at most for the app to go quiet once the editors are
/// connected (ADR-033); 0 types at once, for checks of the tool that measure nothing. <see cref="FreshApp"/>: the app
/// was started again just before this run (after a warm-up, so only the app is cold); the run's row says so.
/// </remarks>
public sealed record EditorsOptions(
    int Editors, int Stories, double Rate, TimeSpan Duration, Fault Fault = Fault.None, double QuietWithinSeconds = 60, bool FreshApp = false);

public sealed record EditorsResult(
    int Editors, int Stories, double Rate, double Seconds, string Fault, int Edits, int Pushes, double PushesPerSecond,
    LatencySummary Latency, int Incomplete, double ServerCpuPercent, double ServerPeakMemoryMb, double ToolCpuPercent,
    int FailedCalls, int Reconnects, int ConfirmedBeforeFault, int UnconfirmedAtFault, int AcknowledgedLost, int Duplicated,
    bool Converged, bool DatabaseMatches, long UpdatesTakenIn = 0, string Pacing = "on", int Unsettled = 0, string Placement = "",
    int Paced = 0, IReadOnlyList<LatencySecond>? BySecond = null, int KeystrokesConfirmed = 0)
{
    /// <remarks>
    /// <see cref="Unsettled"/>: editors that could not send what they had left or catch up once the typing stopped
    /// (past capacity, connections drop and the backlog drains slowly); their unsent edits are not counted as lost.
    /// </remarks>
    public bool Passed => Converged && DatabaseMatches && AcknowledgedLost == 0 && Duplicated == 0 && Unsettled == 0;

    /// <summary>
    /// Keystrokes a second the server committed and sent back to their writers over the typing: the throughput a
    /// newsroom feels. Past capacity, back-pressure makes each push carry more keystrokes, so pushes/s alone falls
    /// while this need not.
    /// </summary>
    public double KeystrokesPerSecond => Seconds > 0 ? Math.Round(KeystrokesConfirmed / Seconds, 1) : 0;

    /// <summary>The share of pushes the server answered with a pause before the next.</summary>
    public double PacedShare => Pushes > 0 ? (double)Paced / Pushes : 0;

    /// <summary>The server's CPU time over the typing, per push it accepted (acknowledged).</summary>
    public double ServerCpuMsPerPush => PushesPerSecond > 0 ? Math.Round(ServerCpuPercent * 10 / PushesPerSecond, 2) : 0;

    /// <summary>
    /// The server's CPU time over the typing, per keystroke it confirmed: what a push costs, shared among the
    /// keystrokes it carries. Flat as editors grow means the server's work grows with the typing and no faster.
    /// </summary>
    public double ServerCpuMsPerKeystroke => KeystrokesPerSecond > 0 ? Math.Round(ServerCpuPercent * 10 / KeystrokesPerSecond, 3) : 0;

    /// <summary>
    /// The load generator's CPU time over the typing, per keystroke one simulated editor took in from another: its
    /// work is mostly this, and there are editors² of them in one story.
    /// </summary>
    public double ToolCpuUsPerUpdate => UpdatesTakenIn > 0 ? Math.Round(ToolCpuPercent / 100 * Seconds * 1_000_000 / UpdatesTakenIn, 2) : 0;
}

/// <summary>Many editors typing in a few stories at once, measured; optionally with a fault halfway through.</summary>
public static class EditorsRun
{
    private const string Field = "body";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    // Past capacity a text's backlog takes a while to drain once the typing stops; every editor settles at once.
    private static readonly TimeSpan SettleFor = TimeSpan.FromMinutes(3);

    public static async Task<EditorsResult> RunAsync(Rig rig, EditorsOptions options, TextWriter log)
    {
        log.WriteLine($"{options.Editors} editors in {options.Stories} stories, {options.Rate} keystrokes/s each, {options.Duration.TotalSeconds} s, fault: {options.Fault}, pacing: {(rig.Pacing ? "on" : "off")}");
        var stories = await CreateStoriesAsync(rig, options.Stories);
        var latency = new LatencyTracker(options.Editors);
        var editor = Application.Data.DemoData.Accounts.First(a => a.Role == "Editor");
        var editors = new SimulatedEditor[options.Editors];
        var perStory = Enumerable.Range(0, options.Editors).GroupBy(i => i % options.Stories).ToDictionary(g => g.Key, g => g.Count());

        // Connect a few at a time, as a newsroom arriving; each editor is its own connection.
        using var connecting = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, options.Editors).Select(async i =>
        {
            await connecting.WaitAsync();
            try
            {
                var story = stories[i % options.Stories];
                var clientId = SimulatedEditor.ClientIdOf(i);
                async Task<HubTextClient> JoinAsync() =>
                    await HubTextClient.JoinAsync(await rig.ConnectAsync("/hubs/collab", editor.Email, editor.Password, sharedBroadcasts: true), story, Field, clientId, shareParsing: true);

                var client = await JoinAsync();
                editors[i] = new SimulatedEditor(client, i, perStory[i % options.Stories] - 1, latency, async () =>
                {
                    var connection = await rig.ConnectAsync("/hubs/collab", editor.Email, editor.Password, sharedBroadcasts: true);
                    await client.ReconnectAsync(connection);
                    return client;
                });
                editors[i].Listen();
            }
            finally
            {
                connecting.Release();
            }
        }));
        // Making the stories and connecting the editors leaves the app compiling what it just ran (tiered JIT, in the
        // background) for seconds after, at up to a core: typing starts once the app is quiet, and from a collected
        // heap here, so the run measures typing and not the connect storm that set it up (ADR-033).
        var (waited, quiet) = await rig.WaitUntilQuietAsync(TimeSpan.FromSeconds(options.QuietWithinSeconds));
        GC.Collect();
        log.WriteLine(options.QuietWithinSeconds > 0
            ? $"  {options.Editors} connected, the app {(quiet ? "quiet" : "still busy")} after {waited.TotalSeconds:N1} s; typing..."
            : $"  {options.Editors} connected; typing at once, not waiting for a quiet app...");

        using var stop = new CancellationTokenSource();
        await using var sampler = new ServerSampler(rig);
        var toolCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var takenIn = editors.Sum(e => e.TakenIn);
        var confirmed = editors.Sum(e => e.Confirmed);
        var clock = Stopwatch.StartNew();
        latency.MeasureFrom = Stopwatch.GetTimestamp() + (long)(WarmUp.TotalSeconds * Stopwatch.Frequency);
        var typing = editors.Select(e => e.TypeAsync(options.Rate, stop.Token)).ToList();
        var syncing = editors.Select(e => e.SyncAsync(stop.Token)).ToList();

        var (confirmedBeforeFault, unconfirmedAtFault) = await InjectFaultAsync(rig, options, editors, log);
        var remaining = options.Duration - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        await stop.CancelAsync();
        await Task.WhenAll(typing.Concat(syncing));
        var seconds = clock.Elapsed.TotalSeconds;
        var toolCpuPercent = (Process.GetCurrentProcess().TotalProcessorTime - toolCpu).TotalSeconds / seconds * 100;
        takenIn = editors.Sum(e => e.TakenIn) - takenIn;
        confirmed = editors.Sum(e => e.Confirmed) - confirmed;
        var serverCpu = sampler.AverageCpuPercent;
        var serverMemory = sampler.PeakResidentBytes / 1024.0 / 1024.0;

        log.WriteLine("  settling: every editor sends what is left and catches up...");
        var settleBy = DateTime.UtcNow + SettleFor;
        var settled = await Task.WhenAll(editors.Select(e => RetryAsync(e, () => SendWhatIsLeftAsync(e.Client), settleBy)));

        // Those settled early have not necessarily heard what those settled later sent. All at once: one after
        // another, 800 editors' pulls of a long history took minutes.
        var pullBy = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        var caughtUp = await Task.WhenAll(editors.Select(e => RetryAsync(e, e.Client.PullAsync, pullBy)));
        settled = [.. settled.Zip(caughtUp, (a, b) => a && b)];

        var unsettled = settled.Count(s => !s);
        if (unsettled > 0)
        {
            log.WriteLine($"  {unsettled} editors could not send what was left or catch up within {SettleFor.TotalMinutes:N0} minutes");
        }

        var (converged, databaseMatches, lost, duplicated) = await CheckAsync(rig, stories, editors, settled, confirmedBeforeFault, log);
        var summary = latency.Summary();
        var bySecond = latency.BySecond();
        var result = new EditorsResult(
            options.Editors, options.Stories, options.Rate, Math.Round(seconds, 1), options.Fault.ToString().ToLowerInvariant(),
            editors.Sum(e => e.Edits), editors.Sum(e => e.Pushes), Math.Round(editors.Sum(e => e.Pushes) / seconds, 1), summary,
            latency.Incomplete, Math.Round(serverCpu, 1), Math.Round(serverMemory, 1), Math.Round(toolCpuPercent, 1),
            editors.Sum(e => e.FailedCalls), editors.Sum(e => e.Reconnects), confirmedBeforeFault, unconfirmedAtFault, lost, duplicated,
            converged, databaseMatches, takenIn, rig.Pacing ? "on" : "off", unsettled, rig.RunPlacement + (options.FreshApp ? ", app started again for this run" : ""), editors.Sum(e => e.Paced),
            bySecond, confirmed);
        foreach (var e in editors)
        {
            await e.Client.DisposeAsync();
        }

        var slowest = bySecond.MaxBy(s => s.Latency.P99);
        log.WriteLine($"  p50 {summary.P50:N1} ms, p95 {summary.P95:N1} ms, p99 {summary.P99:N1} ms, max {summary.Max:N1} ms over {summary.Samples:N0} edits" +
                      (slowest is null ? "; " : $" (slowest second: {slowest.Second}, p99 {slowest.Latency.P99:N1} ms); ") +
                      $"{result.PushesPerSecond:N0} pushes/s ({result.PacedShare:P1} paced), {result.KeystrokesPerSecond:N0} keystrokes confirmed/s ({result.ServerCpuMsPerKeystroke:N3} ms of server CPU each); server CPU {serverCpu:N0}% ({result.ServerCpuMsPerPush:N2} ms a push), generator CPU {toolCpuPercent:N0}% ({result.ToolCpuUsPerUpdate:N1} µs an update taken in), {result.Placement}; {serverMemory:N0} MB; " +
                      $"{result.FailedCalls:N0} failed calls, {result.Reconnects:N0} reconnects, {unsettled} unsettled; converged: {converged}, database matches: {databaseMatches}");
        return result;
    }

    private static async Task<List<Guid>> CreateStoriesAsync(Rig rig, int count)
    {
        using var api = await rig.EditorApiAsync();
        var stories = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var slug = $"load-{Guid.NewGuid():N}";
            var body = i % 2 == 0
                ? "Harbour road reopens. The council met on Tuesday evening.\n\nResidents had waited three weeks.\n"
                : "إعادة فتح طريق الميناء. اجتمع المجلس مساء الثلاثاء.\n\nانتظر السكان ثلاثة أسابيع.\n";
            using var response = await api.PostAsJsonAsync("/api/stories", new CreateStory.Command(slug, i % 2 == 0 ? "en" : "ar", "Local", $"Load story {i}", Body: body));
            response.EnsureSuccessStatusCode();
            stories.Add((await response.Content.ReadFromJsonAsync<CreateStory.Result>())!.StoryId);
        }

        return stories;
    }

    private static async Task<(int Confirmed, int Unconfirmed)> InjectFaultAsync(Rig rig, EditorsOptions options, SimulatedEditor[] editors, TextWriter log)
    {
        if (options.Fault == Fault.None)
        {
            return (0, 0);
        }

        await Task.Delay(options.Duration / 2);
        var confirmed = editors.Sum(e => e.Confirmed);
        var unconfirmed = editors.Sum(e => e.Edits - e.Confirmed);
        switch (options.Fault)
        {
            case Fault.Kill:
                log.WriteLine($"  SIGKILL to the server with {confirmed:N0} edits confirmed and {unconfirmed:N0} in flight; restarting...");
                await rig.KillAndRestartAppAsync();
                break;
            case Fault.Postgres:
                log.WriteLine($"  crashing PostgreSQL (immediate stop) with {confirmed:N0} edits confirmed and {unconfirmed:N0} in flight; starting it again...");
                await rig.CrashAndStartDatabaseAsync();
                break;
            case Fault.Drop:
                log.WriteLine("  dropping a tenth of the connections at random moments...");
                var random = new Random(5);
                foreach (var e in editors.Where((_, i) => i % 10 == 0))
                {
                    await Task.Delay(random.Next(20, 200));
                    await e.Client.Connection.StopAsync();
                }

                break;
            case Fault.None:
            default:
                break;
        }

        return (confirmed, unconfirmed);
    }

    /// <summary>
    /// Pushes what is unconfirmed as the editor does (one push in flight, the server's pause obeyed) and waits for
    /// the broadcast that confirms it, pulling only when a broadcast was missed. Every editor is still connected and
    /// taking broadcasts in; past capacity, 800 editors each pulling the whole backlog after every push (as
    /// <see cref="HubTextClient.SettleAsync"/> does) took longer than the typing had.
    /// </summary>
    private static async Task SendWhatIsLeftAsync(HubTextClient client)
    {
        while (client.HasUnconfirmed)
        {
            if (client.Behind)
            {
                await client.PullAsync();
            }

            var pause = await client.PushAsync();
            // Resent if no confirmation came (the server drops what it already has by client id).
            var resendAt = DateTime.UtcNow + TimeSpan.FromMilliseconds(Math.Max(pause, 10_000));
            while (client.HasUnconfirmed && !client.Behind && DateTime.UtcNow < resendAt
                   && client.Connection.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="call"/> on the editor's connection, connecting again first if it was lost, until it
    /// succeeds or <paramref name="deadline"/> passes (false): the server or the database may still be coming back,
    /// or, past capacity, connections dropped and pushes cut off. A run that cannot settle reports so.
    /// </summary>
    private static async Task<bool> RetryAsync(SimulatedEditor editor, Func<Task> call, DateTime deadline)
    {
        while (true)
        {
            try
            {
                // A call the server holds past the deadline is given up on too (it times out here), so the run reports.
                var left = deadline - DateTime.UtcNow;
                await editor.EnsureConnectedAsync().WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                await call().WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                return true;
            }
            catch (Exception e) when (SimulatedEditor.IsFailedCall(e))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(500);
            }
        }
    }

    /// <summary>
    /// The story's update log, read again while the database is slow to answer (past capacity the app can hold every
    /// connection PostgreSQL gives, and opening one more timed out); null if it could not be read within two minutes.
    /// </summary>
    private static async Task<UpdateLog.Logged?> ReadLogAsync(Rig rig, Guid story, TextWriter log)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return await UpdateLog.ReadAsync(rig, story, Field);
            }
            catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException or TimeoutException)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    log.WriteLine($"  story {story}: the update log could not be read: {e.Message}");
                    return null;
                }

                await Task.Delay(1000);
            }
        }
    }

    /// <summary>
    /// Every editor of a story holds the same text, and it is the text the database's update log spells out. Every
    /// keystroke is in the log exactly once: none acknowledged was lost, none resent was taken twice.
    /// </summary>
    private static async Task<(bool Converged, bool DatabaseMatches, int Lost, int Duplicated)> CheckAsync(
        Rig rig, List<Guid> stories, SimulatedEditor[] editors, bool[] settled, int confirmedBeforeFault, TextWriter log)
    {
        bool converged = true, matches = true, unread = false;
        int lost = 0, duplicated = 0;
        foreach (var (story, s) in stories.Select((story, s) => (story, s)))
        {
            var inStory = editors.Where((_, i) => i % stories.Count == s).ToList();
            var text = inStory[0].Client.Doc;
            converged &= inStory.All(e => e.Client.Doc == text);

            if (await ReadLogAsync(rig, story, log) is not { } logged)
            {
                (matches, unread) = (false, true);
                continue;
            }

            var good = logged.Text;
            matches &= good == text;
            if (inStory.Any(e => e.Client.Doc != text) || good != text)
            {
                var states = inStory.GroupBy(e => (e.Client.Version, e.Client.Doc.Length, e.Client.HasUnconfirmed)).Select(g => $"{g.Count()} at v{g.Key.Version}/{g.Key.Length} chars{(g.Key.HasUnconfirmed ? " +unconfirmed" : "")}");
                log.WriteLine($"  story {story}: the log has v{logged.Version}/{good.Length} chars; editors: {string.Join(", ", states)}");
                var odd = inStory.First(e => e.Client.Doc != good).Client.Doc;
                var at = Enumerable.Range(0, Math.Min(odd.Length, good.Length)).First(i => odd[i] != good[i]);
                log.WriteLine($"  differs at {at}: log «{good[Math.Max(0, at - 20)..Math.Min(good.Length, at + 20)]}» editor «{odd[Math.Max(0, at - 20)..Math.Min(odd.Length, at + 20)]}»; differing editors: {string.Join(' ', inStory.Where(e => e.Client.Doc != good).Select(e => e.Client.ClientId[..8]))}");
            }
            var perClient = logged.ClientIds.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
            foreach (var e in inStory)
            {
                var inLog = perClient.GetValueOrDefault(e.Client.ClientId);
                // An editor that could not settle still holds edits it never sent: of those, only what the server
                // confirmed to it must be in the log.
                lost += Math.Max(0, (settled[Array.IndexOf(editors, e)] ? e.Edits : e.Confirmed) - inLog);
                duplicated += Math.Max(0, inLog - e.Edits);
            }
        }

        if (!converged || !matches || lost > 0 || duplicated > 0)
        {
            log.WriteLine($"  CHECK FAILED: converged {converged}, database matches {matches}, lost {lost}, duplicated {duplicated} (confirmed before the fault: {confirmedBeforeFault})");
        }

        // A log not read: what was lost or taken twice is not known, so not passed (-1 in the report).
        return unread ? (converged, false, -1, -1) : (converged, matches, lost, duplicated);
    }
}
