using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Newsroom.Load;

/// <summary>The figures of one tool run, written as JSON, as a Markdown table, and as an SVG chart of latency against editors.</summary>
public sealed class Report
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Machine { get; } = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):N0} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;

    /// <summary>The machine's 1, 5 and 15 minute load averages when the report was written: other work skews wall-clock figures.</summary>
    /// <remarks>Read again each time the report is written (it was read once, as the run began, and called the end's).</remarks>
    public string LoadAverage { get; private set; } = ReadLoadAverage();

    /// <summary>Which CPUs the app and the load generator could use.</summary>
    public string Placement { get; set; } = "";

    public List<EditorsResult> Editors { get; } = [];

    public List<BoardResult> Board { get; } = [];

    public List<string> Skipped { get; } = [];

    public List<FuzzResult> Fuzz { get; } = [];

    public List<CircuitsResult> Circuits { get; } = [];

    public List<ReplayResult> Replays { get; } = [];

    public List<DayResult> Days { get; } = [];

    public bool Passed => Editors.All(e => e.Passed) && Board.All(b => b.Passed) && Fuzz.All(f => f.Passed) && Circuits.All(c => c.Passed)
                          && Replays.All(r => r.Passed) && Days.All(d => d.Passed);

    public void Write(string directory)
    {
        LoadAverage = ReadLoadAverage();
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(this, Indented));
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown());
        if (Editors.Count(e => e.Fault == "none") > 1)
        {
            File.WriteAllText(Path.Combine(directory, "latency.svg"), LatencyChart.Svg(Editors.Where(e => e.Fault == "none").ToList()));
        }
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine}. Run at {At:yyyy-MM-dd HH:mm} UTC; load average at the end {LoadAverage}; {Placement}.").AppendLine();
        var typing = Editors.Where(e => e.Fault == "none").ToList();
        if (typing.Count > 0)
        {
            md.Append(EditorsTable(typing)).AppendLine();
            foreach (var line in Curve(typing))
            {
                md.AppendLine(line).AppendLine();
            }
        }

        foreach (var skipped in Skipped)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Not run: {skipped}.").AppendLine();
        }

        if (Board.Count > 0)
        {
            md.AppendLine("| board connections | workflow changes | p50 ms | p95 ms | p99 ms | max ms | deliveries missed | server CPU % | server MB |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var b in Board)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {b.Connections:N0} | {b.Changes:N0} | {b.Latency.P50:N0} | {b.Latency.P95:N0} | {b.Latency.P99:N0} | {b.Latency.Max:N0} | {b.Missed:N0} | {b.ServerCpuPercent:N0} | {b.ServerPeakMemoryMb:N0} |");
            }

            md.AppendLine();
        }

        var faults = Editors.Where(e => e.Fault != "none").ToList();
        if (faults.Count > 0)
        {
            md.AppendLine("| fault | editors | edits | confirmed before | unconfirmed at the fault | failed calls | reconnects | lost | taken twice | converged | database matches |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
            foreach (var e in faults)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {e.Fault} | {e.Editors:N0} | {e.Edits:N0} | {e.ConfirmedBeforeFault:N0} | {e.UnconfirmedAtFault:N0} | {e.FailedCalls:N0} | {e.Reconnects:N0} | {e.AcknowledgedLost:N0} | {e.Duplicated:N0} | {Yes(e.Converged)} | {Yes(e.DatabaseMatches)} |");
            }

            md.AppendLine();
        }

        if (Replays.Count > 0)
        {
            md.AppendLine("| replayed trace | edits | a push | pushes | seconds | edits/s | server CPU % | server CPU µs an edit | generator CPU % | the trace's text | client and log agree | lost | taken twice |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|");
            foreach (var r in Replays)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Trace} | {r.Edits:N0} | {r.Batch:N0} | {r.Pushes:N0} | {r.Seconds:N1} | {r.EditsPerSecond:N0} | {r.ServerCpuPercent:N0} | {r.ServerCpuUsPerEdit:N1} | {r.ToolCpuPercent:N0} | {Yes(r.MatchesTrace)} | {Yes(r.Converged && r.DatabaseMatches)} | {r.Lost:N0} | {r.Duplicated:N0} |");
            }

            md.AppendLine();
        }

        foreach (var c in Circuits)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Idle circuits: {c.Circuits:N0} tabs on `{c.Page}`: {c.ManagedKbPerCircuit:N0} KB of managed memory (after a full collection) and {c.WorkingSetKbPerCircuit:N0} KB of working set per circuit.").AppendLine();
        }

        foreach (var d in Days)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"A day in {d.Waves.Count} waves: each {d.StoriesPerWave:N0} new stories, {d.EditorsPerStory} editors in each for {d.SecondsPerWave:N0} s, then left alone; keep {d.KeepUpdates:N0} updates, compact every {d.CompactEvery:N0}, let go after {d.ForgetAfterSeconds:N0} s idle. " +
                $"Managed heap before: {d.ManagedMbBefore:N1} MB; from the first wave to the last it grew {d.ManagedGrowthMb:N1} MB; log rows at most {d.LogRowsAllowed:N0}: {(d.Passed ? "bounded" : "NOT bounded")}.").AppendLine();
            md.AppendLine("| wave | stories typed | edits typed | typing passed | texts held as the typing ended | seconds until let go | texts held | log rows | managed MB | working set MB |");
            md.AppendLine("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
            foreach (var w in d.Waves)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {w.Wave} | {w.StoriesTyped:N0} | {w.EditsTyped:N0} | {Yes(w.TypingPassed)} | {w.HeldAfterTyping:N0} | {w.SecondsToLetGo:N1} | {w.LiveTexts:N0} | {w.LogRows:N0} | {w.ManagedMb:N1} | {w.WorkingSetMb:N0} |");
            }

            md.AppendLine();
        }

        foreach (var f in Fuzz)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Fuzz: {f.Calls:N0} calls in {f.Seconds:N0} s. The real editor meanwhile: {f.ValidPushes:N0} pushes, {f.ValidPushesFailed} failed, slowest {f.ValidMaxMs:N0} ms. " +
                $"Log rows not from the real editor: {f.FuzzRowsInLog}. Server up: {Yes(f.ServerUp)}; converged: {Yes(f.Converged)}; database matches: {Yes(f.DatabaseMatches)}; accounts unchanged: {Yes(f.AccountsUnchanged)}.").AppendLine();
            md.AppendLine("| outcome | calls |").AppendLine("|---|---:|");
            foreach (var (outcome, count) in f.Outcomes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {outcome} | {count:N0} |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    /// <summary>The typing runs as a Markdown table; also what <c>editors --sweep</c> prints.</summary>
    public static string EditorsTable(IEnumerable<EditorsResult> runs)
    {
        // CPU % is of one core (200 is both); the generator's beside the server's says which side was saturated.
        var md = new StringBuilder();
        md.AppendLine("| editors | stories | pacing | keystrokes/s each | p50 ms | p95 ms | p99 ms | max ms | edits measured | pushes/s | keystrokes confirmed/s | pushes paced | server CPU % | generator CPU % | where they ran | generator CPU µs per update taken in | server CPU ms per accepted push | server CPU ms per keystroke confirmed | failed calls | reconnects | unsettled | server MB | converged | database matches |");
        md.AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var e in runs)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {e.Editors:N0} | {e.Stories:N0} | {e.Pacing} | {e.Rate} | {e.Latency.P50:N0} | {e.Latency.P95:N0} | {e.Latency.P99:N0} | {e.Latency.Max:N0} | {e.Latency.Samples:N0} | {e.PushesPerSecond:N0} | {e.KeystrokesPerSecond:N0} | {e.PacedShare:P1} | {e.ServerCpuPercent:N0} | {e.ToolCpuPercent:N0} | {e.Placement} | {e.ToolCpuUsPerUpdate:N1} | {e.ServerCpuMsPerPush:N2} | {e.ServerCpuMsPerKeystroke:N3} | {e.FailedCalls:N0} | {e.Reconnects:N0} | {e.Unsettled:N0} | {e.ServerPeakMemoryMb:N0} | {Yes(e.Converged)} | {Yes(e.DatabaseMatches)} |");
        }

        return md.ToString();
    }

    /// <summary>
    /// Whether throughput held past its peak, for each setting run at several sizes: the fewest keystrokes confirmed a
    /// second at any size above the peak's, as a share of the peak, and the same of pushes a second (which
    /// back-pressure lowers on purpose, each push then carrying more keystrokes). A collapse is that share falling
    /// well below one.
    /// </summary>
    public static IEnumerable<string> Curve(IEnumerable<EditorsResult> runs)
    {
        foreach (var setting in runs.GroupBy(r => (r.Stories, r.Pacing)).Where(g => g.Select(r => r.Editors).Distinct().Count() > 1))
        {
            var ordered = setting.OrderBy(r => r.Editors).ToList();
            var name = $"{(setting.Key.Stories == 1 ? "One story" : $"{setting.Key.Stories:N0} stories")}, pacing {setting.Key.Pacing}";
            var throughput = string.Join("; ", new (string Unit, Func<EditorsResult, double> Of)[]
            {
                ("keystrokes confirmed/s", r => r.KeystrokesPerSecond), ("pushes/s", r => r.PushesPerSecond),
            }.Select(measure => Held(ordered, measure.Unit, measure.Of)));
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{name}: {throughput}; p99 {string.Join(" → ", ordered.Select(r => $"{r.Latency.P99:N0} ms"))}.");
        }
    }

    private static string Held(List<EditorsResult> ordered, string unit, Func<EditorsResult, double> of)
    {
        var peak = ordered.MaxBy(of)!;
        var after = ordered.Where(r => r.Editors > peak.Editors).ToList();
        if (after.Count == 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{unit} still rising at the largest size ({of(peak):N0} at {peak.Editors:N0} editors, {Cpu(peak)})");
        }

        var lowest = after.MinBy(of)!;
        var held = of(lowest) / of(peak);
        return string.Create(CultureInfo.InvariantCulture,
            $"{unit} peaked at {of(peak):N0} with {peak.Editors:N0} editors ({Cpu(peak)}); above that the lowest was {of(lowest):N0} at {lowest.Editors:N0} ({held:P0} of the peak: {(held >= 0.8 ? "held" : "fell")}; {Cpu(lowest)})");
    }

    // Which side ran out: the app's CPU and the generator's (each a share of one core) and where each ran.
    private static string Cpu(EditorsResult run) =>
        string.Create(CultureInfo.InvariantCulture, $"server CPU {run.ServerCpuPercent:N0}%, generator CPU {run.ToolCpuPercent:N0}%, {run.Placement}");

    private static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    private static string Yes(bool value) => value ? "yes" : "**no**";
}
