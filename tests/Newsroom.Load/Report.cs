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
    public string LoadAverage { get; } = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    /// <summary>Which CPUs the app and the load generator could use.</summary>
    public string Placement { get; set; } = "";

    public List<EditorsResult> Editors { get; } = [];

    public List<BoardResult> Board { get; } = [];

    public List<string> Skipped { get; } = [];

    public List<FuzzResult> Fuzz { get; } = [];

    public List<CircuitsResult> Circuits { get; } = [];

    public List<ReplayResult> Replays { get; } = [];

    public bool Passed => Editors.All(e => e.Passed) && Board.All(b => b.Passed) && Fuzz.All(f => f.Passed) && Circuits.All(c => c.Passed)
                          && Replays.All(r => r.Passed);

    public void Write(string directory)
    {
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
            // CPU % is of one core (200 is both); the generator's beside the server's says which side was saturated.
            md.AppendLine("| editors | stories | keystrokes/s each | p50 ms | p95 ms | p99 ms | max ms | edits measured | pushes/s | server CPU % | generator CPU % | generator CPU µs per update taken in | server CPU ms per accepted push | server MB | converged | database matches |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
            foreach (var e in typing)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {e.Editors:N0} | {e.Stories:N0} | {e.Rate} | {e.Latency.P50:N0} | {e.Latency.P95:N0} | {e.Latency.P99:N0} | {e.Latency.Max:N0} | {e.Latency.Samples:N0} | {e.PushesPerSecond:N0} | {e.ServerCpuPercent:N0} | {e.ToolCpuPercent:N0} | {e.ToolCpuUsPerUpdate:N1} | {e.ServerCpuMsPerPush:N2} | {e.ServerPeakMemoryMb:N0} | {Yes(e.Converged)} | {Yes(e.DatabaseMatches)} |");
            }

            md.AppendLine();
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

    private static string Yes(bool value) => value ? "yes" : "**no**";
}

/// <summary>p50/p99 keystroke-to-peer latency against the number of editors, one line per stories setting.</summary>
public static class LatencyChart
{
    public static string Svg(IReadOnlyList<EditorsResult> runs)
    {
        const int width = 640, height = 360, left = 60, right = 20, top = 30, bottom = 50;
        var maxEditors = runs.Max(r => r.Editors);
        var maxMs = Math.Max(10, runs.Max(r => r.Latency.P99)) * 1.1;
        double X(int editors) => left + (editors / (double)maxEditors * (width - left - right));
        double Y(double ms) => height - bottom - (ms / maxMs * (height - top - bottom));
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"18\" font-weight=\"bold\">Keystroke-to-peer latency (ms) against editors</text>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\" stroke=\"#333\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#333\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var ms = maxMs * i / 4;
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Y(ms) + 4:F0}\" text-anchor=\"end\">{ms:N0}</text>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{Y(ms):F0}\" x2=\"{width - right}\" y2=\"{Y(ms):F0}\" stroke=\"#ddd\"/>");
        }

        foreach (var r in runs)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{X(r.Editors):F0}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{r.Editors:N0}</text>");
        }

        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{(left + width - right) / 2}\" y=\"{height - 10}\" text-anchor=\"middle\">editors (one story unless marked)</text>");
        var series = new[] { ("p50", "#2b7bb9", (Func<EditorsResult, double>)(r => r.Latency.P50)), ("p99", "#c0392b", r => r.Latency.P99) };
        foreach (var group in runs.GroupBy(r => r.Stories > 1))
        {
            foreach (var (name, colour, value) in series)
            {
                var points = string.Join(' ', group.OrderBy(r => r.Editors).Select(r => string.Create(CultureInfo.InvariantCulture, $"{X(r.Editors):F0},{Y(value(r)):F0}")));
                svg.AppendLine(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(group.Key ? " stroke-dasharray=\"4 3\"" : "")}/>");
                foreach (var r in group)
                {
                    svg.AppendLine(CultureInfo.InvariantCulture, $"<circle cx=\"{X(r.Editors):F0}\" cy=\"{Y(value(r)):F0}\" r=\"3\" fill=\"{colour}\"><title>{name} {value(r):N0} ms, {r.Editors:N0} editors in {r.Stories:N0} stories</title></circle>");
                }
            }

            if (group.Key)
            {
                var r = group.First();
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{X(r.Editors) - 4:F0}\" y=\"{Y(r.Latency.P99) - 8:F0}\" text-anchor=\"end\">{r.Stories:N0} stories</text>");
            }
        }

        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{width - right - 120}\" y=\"{top + 10}\" fill=\"#2b7bb9\">— p50</text>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{width - right - 60}\" y=\"{top + 10}\" fill=\"#c0392b\">— p99</text>");
        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
