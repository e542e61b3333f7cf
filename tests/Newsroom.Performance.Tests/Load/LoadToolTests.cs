using System.Globalization;
using System.Text.Json;
using Newsroom.Testing;

namespace Newsroom.Performance.Tests.Load;

/// <summary>Each mode of the load tool, briefly, against its own PostgreSQL and app process.</summary>
public sealed class LoadToolTests
{
    [Fact]
    public async Task Editors_typing_in_two_stories_converge_with_the_database_and_latency_is_measured()
    {
        var (report, log) = await RunWithLogAsync("editors", "--editors", "6", "--stories", "2", "--seconds", "5", "--warm-up", "2", "--fresh-app", "on", "--quiet-within", "3");

        // The typing waited for the app to go quiet after the editors connected (ADR-033), here for at most 3 s, and
        // the log says whether it did; the other checks of the tool measure nothing and type at once. The app
        // measured is not the one the warm-up typed at.
        Assert.Matches(@"6 connected, the app (quiet|still busy) after [2-6][.,]\d s; typing", log);
        Assert.True(log.IndexOf("The app started again", StringComparison.Ordinal) > log.IndexOf("Warming up for 2 s", StringComparison.Ordinal), log);
        var run = report.GetProperty("Editors")[0];
        Assert.EndsWith(", app started again for this run", run.GetProperty("Placement").GetString(), StringComparison.Ordinal);
        Assert.True(run.GetProperty("Converged").GetBoolean());
        Assert.True(run.GetProperty("DatabaseMatches").GetBoolean());
        Assert.Equal(0, run.GetProperty("AcknowledgedLost").GetInt32());
        Assert.True(run.GetProperty("Latency").GetProperty("Samples").GetInt32() > 50, run.ToString());
        Assert.InRange(run.GetProperty("Latency").GetProperty("P50").GetDouble(), 0.1, 10_000);
        // Which side was saturated: the generator's CPU beside the server's, and the server's CPU per push.
        Assert.True(run.GetProperty("ToolCpuPercent").GetDouble() > 0, run.ToString());
        Assert.True(run.GetProperty("ServerCpuMsPerPush").GetDouble() > 0, run.ToString());
        Assert.True(run.GetProperty("ToolCpuUsPerUpdate").GetDouble() > 0, run.ToString());
        Assert.Contains("load generator on CPUs", report.GetProperty("Placement").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_warms_up_unmeasured_then_runs_each_size_with_and_without_back_pressure_and_draws_the_curve()
    {
        var chart = Path.Combine(Tool.OutputDirectory("chart"), "latency.svg");
        var (report, log) = await RunWithLogAsync("editors", "--sweep", "4,8", "--stories", "1", "--seconds", "4", "--pacing", "both", "--chart", chart, "--warm-up", "2", "--quiet-within", "0");

        // The warm-up is not one of the runs; and as each change of pacing starts the app again, cold, each is warmed
        // up again: no run after the first is of a freshly started app.
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(log, "Warming up for 2 s"));
        Assert.DoesNotMatch("the app (quiet|still busy) after", log);
        var runs = report.GetProperty("Editors").EnumerateArray().ToList();
        Assert.Equal([(4, "on"), (4, "off"), (8, "on"), (8, "off")],
            runs.Select(r => (r.GetProperty("Editors").GetInt32(), r.GetProperty("Pacing").GetString())));
        Assert.All(runs, r => Assert.True(r.GetProperty("Converged").GetBoolean() && r.GetProperty("DatabaseMatches").GetBoolean(), r.ToString()));
        // Throughput as keystrokes the server confirmed, beside pushes: some, and never more than were typed.
        Assert.All(runs, r => Assert.InRange(r.GetProperty("KeystrokesConfirmed").GetInt32(), 1, r.GetProperty("Edits").GetInt32()));
        Assert.Matches(@"One story, pacing on: keystrokes confirmed/s (peaked at [\d,]+|still rising).*; pushes/s (peaked at [\d,]+|still rising)", log);
        // Three lines (p99, pushes/s, keystrokes/s) per pacing setting, a point per size on each.
        var svg = System.Xml.Linq.XDocument.Load(chart);
        var ns = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2000/svg");
        Assert.Equal(6, svg.Descendants(ns + "polyline").Count());
        Assert.Equal(12, svg.Descendants(ns + "circle").Count());
    }

    [Fact]
    public async Task A_killed_server_a_crashed_database_and_dropped_connections_lose_no_edit()
    {
        var report = await RunAsync("faults", "--editors", "6", "--seconds", "10", "--quiet-within", "0");

        var runs = report.GetProperty("Editors").EnumerateArray().ToList();
        Assert.Equal(["kill", "postgres", "drop"], runs.Select(r => r.GetProperty("Fault").GetString()));
        Assert.All(runs, r =>
        {
            Assert.Equal(0, r.GetProperty("AcknowledgedLost").GetInt32());
            Assert.Equal(0, r.GetProperty("Duplicated").GetInt32());
            Assert.True(r.GetProperty("Converged").GetBoolean() && r.GetProperty("DatabaseMatches").GetBoolean(), r.ToString());
        });
        Assert.True(runs[0].GetProperty("ConfirmedBeforeFault").GetInt32() > 0);
    }

    [Fact]
    public async Task Through_a_day_of_waves_every_idle_text_leaves_memory_and_the_log_stays_compacted_behind_its_checkpoints()
    {
        // Each text gets about 40 updates a wave, past the 20 kept and the 10 more that start a compaction; idle 2 s,
        // it is let go of: before the next tick's compaction, unless compaction comes first.
        var (report, log) = await RunWithLogAsync("day", "--waves", "2", "--stories", "4", "--editors-per-story", "2", "--seconds", "4",
            "--keep", "20", "--compact-every", "10", "--forget-after", "2");

        var day = report.GetProperty("Days")[0];
        var waves = day.GetProperty("Waves").EnumerateArray().ToList();
        Assert.Equal([1, 2], waves.Select(w => w.GetProperty("Wave").GetInt32()));
        Assert.All(waves, w =>
        {
            Assert.True(w.GetProperty("TypingPassed").GetBoolean(), log);
            // The wave's four texts held as its typing ended, none of the wave's before; none once they were idle.
            Assert.Equal(4, w.GetProperty("HeldAfterTyping").GetInt32());
            Assert.Equal(0, w.GetProperty("LiveTexts").GetInt32());
            // What is left of each text's log: the 20 kept behind what was saved, and its two writers' newest rows.
            var texts = w.GetProperty("StoriesTyped").GetInt32();
            Assert.InRange(w.GetProperty("LogRows").GetInt64(), texts * 20, texts * (20 + 2));
            Assert.True(w.GetProperty("EditsTyped").GetInt32() > texts * (20 + 10), log);
        });
        Assert.True(day.GetProperty("Passed").GetBoolean(), log);
    }

    [Fact]
    public async Task Malformed_calls_are_all_refused_while_a_real_editor_keeps_typing()
    {
        var report = await RunAsync("fuzz", "--calls", "3000");

        var fuzz = report.GetProperty("Fuzz")[0];
        Assert.True(fuzz.GetProperty("ServerUp").GetBoolean());
        Assert.Equal(0, fuzz.GetProperty("FuzzRowsInLog").GetInt32());
        Assert.Equal(0, fuzz.GetProperty("ValidPushesFailed").GetInt32());
        var outcomes = fuzz.GetProperty("Outcomes").EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetInt32());
        Assert.Equal(3000, outcomes.Values.Sum());
        Assert.DoesNotContain("server error (hidden)", outcomes.Keys);
        Assert.Contains("refused: wrong length for the version", outcomes.Keys);
        Assert.Contains("refused: unknown story", outcomes.Keys);
        // The other edges were tried too, and held: no account changed, nothing was let through.
        Assert.True(fuzz.GetProperty("AccountsUnchanged").GetBoolean());
        Assert.Contains(outcomes.Keys, o => o.StartsWith("refused: account command", StringComparison.Ordinal)
                                            || o.Contains("forged Origin", StringComparison.Ordinal)
                                            || o.Contains("Blazor hub", StringComparison.Ordinal));
        Assert.DoesNotContain(outcomes.Keys, o => o.StartsWith("let through:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replaying_the_start_of_a_real_typing_history_through_the_hub_ends_in_its_text_with_every_keystroke_once()
    {
        const int Edits = 20_000;
        var report = await RunAsync("replay", "--trace", "automerge-paper", "--edits", Edits.ToString(CultureInfo.InvariantCulture), "--batch", "500");

        var replay = report.GetProperty("Replays")[0];
        // The text the trace's first edits make, spliced here with plain string operations, named by its hash.
        var expected = ReplayHash(EditingTrace.Load("automerge-paper").TextAfter(Edits));
        Assert.Equal(expected, replay.GetProperty("TextSha256").GetString());
        Assert.Equal(Edits, replay.GetProperty("Edits").GetInt32());
        Assert.True(replay.GetProperty("Converged").GetBoolean() && replay.GetProperty("DatabaseMatches").GetBoolean(), replay.ToString());
        Assert.Equal(0, replay.GetProperty("Lost").GetInt32());
        Assert.Equal(0, replay.GetProperty("Duplicated").GetInt32());
        Assert.True(replay.GetProperty("EditsPerSecond").GetDouble() > 0, replay.ToString());
    }

    [Fact]
    public async Task A_workflow_change_reaches_every_board_connection()
    {
        var report = await RunAsync("board", "--connections", "40", "--changes", "3");

        var board = report.GetProperty("Board")[0];
        Assert.Equal(0, board.GetProperty("Missed").GetInt32());
        Assert.Equal(40 * 3, board.GetProperty("Latency").GetProperty("Samples").GetInt32());
    }

    [Fact]
    public async Task Across_two_instances_editors_converge_and_every_board_connection_hears_each_change()
    {
        var editors = (await RunAsync("editors", "--editors", "6", "--stories", "2", "--seconds", "5", "--instances", "2", "--quiet-within", "0"))
            .GetProperty("Editors")[0];
        var board = (await RunAsync("board", "--connections", "40", "--changes", "3", "--instances", "2")).GetProperty("Board")[0];

        Assert.True(editors.GetProperty("Converged").GetBoolean() && editors.GetProperty("DatabaseMatches").GetBoolean(), editors.ToString());
        Assert.Equal(0, editors.GetProperty("AcknowledgedLost").GetInt32());
        Assert.True(editors.GetProperty("Latency").GetProperty("Samples").GetInt32() > 50, editors.ToString());
        Assert.Equal(0, board.GetProperty("Missed").GetInt32());
        Assert.Equal(40 * 3, board.GetProperty("Latency").GetProperty("Samples").GetInt32());
    }

    // As the tool names a text: SHA-256 of its UTF-16 code units.
    private static string ReplayHash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.Unicode.GetBytes(text)));

    private static async Task<JsonElement> RunAsync(params string[] arguments) => (await RunWithLogAsync(arguments)).Report;

    private static async Task<(JsonElement Report, string Log)> RunWithLogAsync(params string[] arguments)
    {
        var output = Tool.OutputDirectory("load");
        var (exit, log) = await Tool.RunAsync("Newsroom.Load", TimeSpan.FromMinutes(5), [.. arguments, "--out", output]);
        Assert.True(exit == 0, log);
        Assert.True(File.Exists(Path.Combine(output, "report.md")), log);
        return (JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))).RootElement, log);
    }
}
