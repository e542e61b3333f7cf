using System.Globalization;
using System.Runtime.InteropServices;
using Newsroom.Load;

// The load, fault and fuzz tool (README, Performance). Each command starts its own PostgreSQL and app process,
// runs, checks, and writes report.json, report.md and (for sweeps) latency.svg to --out.
//   editors --editors 200 --stories 1 --rate 5 --seconds 30 [--fault kill|postgres|drop] [--pacing on|off|both]
//           [--warm-up SECONDS]   the first size types that long unmeasured first, so the app's JIT has tiered up
//           (sweep and all take it too)
//           [--fresh-app on]   starts the app again before each measured run: with --warm-up, a freshly started app
//           typed at by a load tool that has tiered up itself (without it, both sides start cold)
//   editors --sweep 50,100,200,400,800 --stories 1 [--chart docs/performance/latency.svg]   the curve in one go
//           (any sizes, e.g. 50,100,200,500,1000; past capacity a size still reports, with failed calls, reconnects
//           and the editors that could not settle)
//   (editors and board take --instances 2: app processes on one PostgreSQL and one redis-server, connections spread)
//   sweep   [--seconds 30]                 the targets: 50, 100, 200 and 500 editors in one story; 1,000 in 250
//   board   [--connections 2000] [--changes 20]
//   faults  [--editors 30] [--seconds 20]  kill the app, crash PostgreSQL (immediate stop), drop connections
//   fuzz    [--calls 100000]
//   replay  [--trace automerge-paper] [--batch 1000]  one client replays a typing history through the hub
//   circuits [--page /board] [--pages 100] [--hold SECONDS]   server memory per idle Blazor circuit; --hold keeps
//           the tabs open after measuring, for a heap dump (dotnet dotnet-gcdump collect -p PID, the PID it prints)
//   day     [--waves 8] [--stories 25] [--editors-per-story 4] [--seconds 20] [--keep 200] [--compact-every 100]
//           [--forget-after 5]   a long day compressed: waves of editors type into new stories and leave them; after
//           each, the texts the server still holds, the update log's rows and its memory (after a full collection)
//   all     everything above, as published in the README
// Any command takes --pin-app CPUS (taskset's list) to run the app on those CPUs only; pin this tool itself with
// `taskset -c CPUS dotnet Newsroom.Load.dll ...`. The report says where each ran.
// editors, sweep, faults and all take --quiet-within SECONDS (60): the longest a run waits for the app to go quiet
// before it types; 0 types at once (the suite's checks of the tool, which measure nothing).
// replay takes --edits N to replay only the trace's first N edits, checked against the trace's text at that point.
var arguments = Arguments.Parse(args);
var output = arguments.Text("out", Path.Combine("artifacts", "load"));
var report = new Report();
Directory.CreateDirectory(output);

// Written again after every run, so a run that fails part-way keeps what it measured.
void Add<T>(List<T> results, T result)
{
    results.Add(result);
    report.Write(output);
}
var log = Console.Out;
var quietWithin = arguments.Number("quiet-within", 60);

// Stopped with Ctrl+C or SIGTERM (a CI timeout): the app and the PostgreSQL it started go too, rather than linger.
Rig? running = null;
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using (var rig = running = await Rig.StartAsync(log, (int)arguments.Number("instances", 1), arguments.Options.GetValueOrDefault("pin-app")))
{
    report.Placement = rig.Placement;
    var seconds = TimeSpan.FromSeconds(arguments.Number("seconds", 30));
    switch (arguments.Command)
    {
        case "editors":
            await Editors(rig, seconds);
            break;
        case "sweep":
            await Sweep(rig, seconds);
            break;
        case "board":
            Add(report.Board, await BoardRun.RunAsync(rig, (int)arguments.Number("connections", 2000), (int)arguments.Number("changes", 20), log));
            break;
        case "circuits":
            Add(report.Circuits, await CircuitsRun.RunAsync(rig, arguments.Text("page", "/board"), (int)arguments.Number("pages", 100), log,
                TimeSpan.FromSeconds(arguments.Number("hold", 0))));
            break;
        case "replay":
            Add(report.Replays, await ReplayRun.RunAsync(rig, arguments.Text("trace", "automerge-paper"), (int)arguments.Number("batch", 1000),
                arguments.Options.ContainsKey("edits") ? (int)arguments.Number("edits", 0) : null, log));
            break;
        case "fuzz":
            Add(report.Fuzz, await FuzzRun.RunAsync(rig, (int)arguments.Number("calls", 100_000), log));
            break;
        case "day":
            await Day(rig, (int)arguments.Number("waves", 8), (int)arguments.Number("stories", 25), TimeSpan.FromSeconds(arguments.Number("seconds", 20)));
            break;
        case "faults":
            await Faults(rig, (int)arguments.Number("editors", 30), TimeSpan.FromSeconds(arguments.Number("seconds", 20)));
            break;
        case "all":
            await Sweep(rig, seconds);
            Add(report.Board, await BoardRun.RunAsync(rig, 2000, 20, log));
            await Faults(rig, 30, TimeSpan.FromSeconds(20));
            Add(report.Fuzz, await FuzzRun.RunAsync(rig, 100_000, log));
            Add(report.Circuits, await CircuitsRun.RunAsync(rig, "/board", 100, log));
            // Last: it starts the app again with compaction and letting go set to come within a wave's pause.
            await Day(rig, 8, 25, TimeSpan.FromSeconds(20));
            break;
        default:
            Console.Error.WriteLine($"Unknown command '{arguments.Command}'. Commands: editors, sweep, board, faults, fuzz, replay, circuits, day, all.");
            return 2;
    }
}

report.Write(output);
log.WriteLine($"Report: {Path.GetFullPath(output)}/report.md");
return report.Passed ? 0 : 1;

// One size, or with --sweep several in one go (the curve: a table, whether throughput held past its peak, and the chart,
// to --chart as well as to --out); --pacing on, off or both (each size with the app's back-pressure and without, back
// to back, a paired comparison).
async Task Editors(Rig rig, TimeSpan duration)
{
    var sizes = arguments.Options.TryGetValue("sweep", out var sweep)
        ? sweep.Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToList()
        : [(int)arguments.Number("editors", 200)];
    var pacing = arguments.Text("pacing", "on") switch
    {
        "on" => new[] { true },
        "off" => [false],
        "both" => [true, false],
        var other => throw new ArgumentException($"--pacing is on, off or both, not '{other}'."),
    };
    var freshApp = arguments.Text("fresh-app", "off") switch
    {
        "on" => true,
        "off" => false,
        var other => throw new ArgumentException($"--fresh-app is on or off, not '{other}'."),
    };
    var stories = (int)arguments.Number("stories", 1);
    var rate = arguments.Number("rate", 5);
    var runs = new List<EditorsResult>();
    var warm = false;
    foreach (var size in sizes)
    {
        foreach (var on in pacing)
        {
            // Turning pacing on or off starts the app again, cold: it is warmed up again before it is measured.
            if (await rig.PaceAsync(on) || !warm)
            {
                await WarmUp(rig, size, stories, rate);
                warm = true;
            }

            if (freshApp)
            {
                await rig.StartAgainAsync();
                log.WriteLine("The app started again: the run measures a freshly started app, typed at by a warm load tool.");
            }

            var run = await EditorsRun.RunAsync(rig, new EditorsOptions(
                size, stories, rate, duration, Enum.Parse<Fault>(arguments.Text("fault", "none"), ignoreCase: true), quietWithin, freshApp), log);
            Add(report.Editors, run);
            runs.Add(run);
        }
    }

    if (runs.Count > 1)
    {
        log.WriteLine();
        log.Write(Report.EditorsTable(runs));
        foreach (var line in Report.Curve(runs))
        {
            log.WriteLine(line);
        }
    }

    if (arguments.Options.TryGetValue("chart", out var chart) && runs.Count > 1)
    {
        File.WriteAllText(chart, LatencyChart.Svg(runs));
        log.WriteLine($"Chart: {Path.GetFullPath(chart)}");
    }
}

// A freshly started app runs its hot paths unoptimised while the JIT tiers them up, which under this load takes longer
// than a run: the same 200 editors in one story measured p99 136 ms and 0.86 ms of server CPU a push on a fresh app,
// and 72 ms and 0.45 ms when run again on it (ADR-029). With --warm-up, the first size types unmeasured first.
async Task WarmUp(Rig rig, int editors, int stories, double rate)
{
    if (arguments.Number("warm-up", 0) is > 0 and var seconds)
    {
        log.WriteLine($"Warming up for {seconds} s, not measured:");
        await EditorsRun.RunAsync(rig, new EditorsOptions(editors, stories, rate, TimeSpan.FromSeconds(seconds), QuietWithinSeconds: quietWithin), log);
    }
}

async Task Sweep(Rig rig, TimeSpan duration)
{
    await WarmUp(rig, 50, 1, 5);
    var saturatedAt = 0;
    foreach (var (editors, stories) in new[] { (50, 1), (100, 1), (200, 1), (500, 1), (1000, 250) })
    {
        if (stories == 1 && saturatedAt > 0)
        {
            report.Skipped.Add($"{editors} editors in one story: skipped, as one story was saturated (p99 over 1 s) at {saturatedAt}");
            continue;
        }

        var run = await EditorsRun.RunAsync(rig, new EditorsOptions(editors, stories, 5, duration, QuietWithinSeconds: quietWithin), log);
        Add(report.Editors, run);
        if (stories == 1 && run.Latency.P99 > 1_000)
        {
            // Past this point one text is saturated: more editors in it would only measure the queue.
            saturatedAt = editors;
        }
    }
}

async Task Faults(Rig rig, int editors, TimeSpan duration)
{
    foreach (var fault in new[] { Fault.Kill, Fault.Postgres, Fault.Drop })
    {
        Add(report.Editors, await EditorsRun.RunAsync(rig, new EditorsOptions(editors, 3, 5, duration, fault, quietWithin), log));
    }
}

async Task Day(Rig rig, int waves, int stories, TimeSpan typing) =>
    Add(report.Days, await DayRun.RunAsync(rig, waves, stories, (int)arguments.Number("editors-per-story", 4), typing,
        (int)arguments.Number("keep", 200), (int)arguments.Number("compact-every", 100), arguments.Number("forget-after", 5), log));

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    log.WriteLine($"{context.Signal}: stopping the app and its database.");
    running?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    Environment.Exit(128 + 2);
}

internal sealed record Arguments(string Command, Dictionary<string, string> Options)
{
    public static Arguments Parse(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Arguments(args.Length > 0 ? args[0] : "all", options);
    }

    public string Text(string name, string fallback) => Options.GetValueOrDefault(name, fallback);

    public double Number(string name, double fallback) =>
        Options.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
