using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Newsroom.Application.Data;
using Newsroom.Testing;

namespace Newsroom.Load;

/// <summary>
/// What a load run measures against: a crash-safe PostgreSQL of its own and the built app as a separate process, as in
/// production (the demo accounts seeded, logging at warnings so the log does not become the load). With several
/// instances, as docker-compose runs them: one redis-server, and the app processes sharing it, the database and the
/// keys that seal tokens; hub connections are spread over them in turn, the API goes to the first.
/// </summary>
public sealed class Rig : IAsyncDisposable
{
    private readonly LocalPostgresCluster _database;
    private readonly Dictionary<string, string> _environment;
    private readonly Dictionary<string, string> _tokens = [];
    private readonly List<AppProcess> _others;
    private readonly RedisServer? _redis;
    private readonly string? _keys;
    private int _nextInstance;

    private readonly string? _appCpus;

    private Rig(LocalPostgresCluster database, AppProcess app, Dictionary<string, string> environment,
        List<AppProcess> others, RedisServer? redis, string? keys, string? appCpus)
    {
        _database = database;
        App = app;
        _environment = environment;
        _others = others;
        _redis = redis;
        _keys = keys;
        _appCpus = appCpus;
    }

    /// <summary>The first instance: the one the API, the diagnostics and the faults go to.</summary>
    public AppProcess App { get; private set; }

    public int Instances => 1 + _others.Count;

    public Uri BaseAddress => App.BaseAddress;

    public string ConnectionString => _database.ConnectionString("newsroom");

    /// <summary>Starts the rig: <paramref name="instances"/> app processes; with <paramref name="appCpus"/> (taskset's list, e.g. "0") the apps run on those CPUs only.</summary>
    public static async Task<Rig> StartAsync(TextWriter log, int instances = 1, string? appCpus = null)
    {
        log.WriteLine(instances == 1
            ? "Starting PostgreSQL (crash-safe settings) and the app..."
            : $"Starting PostgreSQL (crash-safe settings), redis-server and {instances} app instances...");
        var database = await LocalPostgresCluster.StartTemporaryAsync(NullLogger.Instance, crashSafe: true, CancellationToken.None);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Newsroom"] = database.ConnectionString("newsroom"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Newsroom.Web.Hosting"] = "Information",
            // The checks count every update of every editor in the log: nothing may be compacted away before them.
            ["LiveEditing__KeepUpdates"] = "1000000000",
        };
        await database.EnsureDatabaseAsync("newsroom", CancellationToken.None);
        RedisServer? redis = null;
        string? keys = null;
        if (instances > 1)
        {
            redis = await RedisServer.StartAsync();
            keys = Directory.CreateTempSubdirectory("newsroom-load-keys-").FullName;
            environment["ConnectionStrings__Redis"] = redis.ConnectionString;
            environment["DataProtection__KeysDirectory"] = keys;
        }

        // The first alone: it migrates the database and makes the keys the others then read.
        var app = AppProcess.Start(environment);
        await Pin(app, appCpus);
        await app.WaitForAsync("Newsroom is running at", TimeSpan.FromMinutes(2));
        var others = Enumerable.Range(1, instances - 1).Select(_ => AppProcess.Start(environment)).ToList();
        foreach (var other in others)
        {
            await Pin(other, appCpus);
            await other.WaitForAsync("Newsroom is running at", TimeSpan.FromMinutes(2));
        }

        return new Rig(database, app, environment, others, redis, keys, appCpus);
    }

    /// <summary>Which CPUs the app and this tool may run on, for the report.</summary>
    public string Placement => $"app on CPUs {_appCpus ?? "any"}, load generator on CPUs {AllowedCpus("self")}";

    /// <summary>Where one run's two sides ran, for its row of the report: pinned or not, and on which CPUs.</summary>
    public string RunPlacement
    {
        get
        {
            var all = File.Exists("/sys/devices/system/cpu/online") ? File.ReadAllText("/sys/devices/system/cpu/online").Trim() : "?";
            var generator = AllowedCpus("self");
            return string.Create(CultureInfo.InvariantCulture,
                $"app {(_appCpus is null ? "unpinned" : $"pinned to {_appCpus}")}, generator {(generator == all ? "unpinned" : $"pinned to {generator}")}");
        }
    }

    private static string AllowedCpus(string pid) =>
        File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?
            .Split(':')[1].Trim() ?? "?";

    // Every thread the app has now; those it starts later inherit their creator's affinity.
    private static async Task Pin(AppProcess app, string? cpus)
    {
        if (cpus is null)
        {
            return;
        }

        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-pc", cpus, app.Process.Id.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
        })!;
        await taskset.WaitForExitAsync();
        if (taskset.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset could not pin the app to CPUs {cpus}.");
        }
    }

    /// <summary>Whether the app asks clients to pause after a slow push (its back-pressure, <c>Hubs:PushPacingAfterMs</c>).</summary>
    public bool Pacing { get; private set; } = true;

    /// <summary>
    /// Turns the back-pressure on (the app's own threshold) or off (a threshold no push reaches), starting every app
    /// instance again with the setting when it changes, on the same ports and database; true if it did.
    /// </summary>
    public async Task<bool> PaceAsync(bool on)
    {
        if (on == Pacing)
        {
            return false;
        }

        if (on)
        {
            _environment.Remove(PacingSetting);
        }
        else
        {
            _environment[PacingSetting] = "1000000";
        }

        Pacing = on;
        await StartAgainAsync();
        return true;
    }

    /// <summary>Starts every app instance again, on the same ports and database: a freshly started app.</summary>
    public async Task StartAgainAsync()
    {
        App = await StartAgainAsync(App);
        for (var i = 0; i < _others.Count; i++)
        {
            _others[i] = await StartAgainAsync(_others[i]);
        }
    }

    /// <summary>Starts every app instance again with these settings as well (the same ports and database).</summary>
    public async Task StartAgainAsync(IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (name, value) in settings)
        {
            _environment[name] = value;
        }

        await StartAgainAsync();
    }

    private const string PacingSetting = "Hubs__PushPacingAfterMs";

    private async Task<AppProcess> StartAgainAsync(AppProcess app)
    {
        var port = app.Port;
        app.Dispose();
        var again = AppProcess.Start(_environment, port);
        await Pin(again, _appCpus);
        await again.WaitForAsync("Newsroom is running at", TimeSpan.FromMinutes(2));
        return again;
    }

    /// <summary>SIGKILL, then the same build on the same port and database.</summary>
    public async Task KillAndRestartAppAsync()
    {
        App.Kill();
        App = await StartAgainAsync(App);
    }

    /// <summary>
    /// PostgreSQL crashes (an immediate stop: sessions cut, no shutdown checkpoint) and starts again with the same
    /// options and port, recovering from its write-ahead log, as after a power cut or an OOM kill.
    /// </summary>
    public async Task CrashAndStartDatabaseAsync()
    {
        await _database.CrashAsync(CancellationToken.None);
        await _database.StartAgainAsync(CancellationToken.None);
        // This process's own pooled connections (the checks read the update log) died with the old server.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public async Task<string> TokenAsync(string email, string password)
    {
        if (_tokens.TryGetValue(email, out var token))
        {
            return token;
        }

        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var login = await http.PostAsJsonAsync("/api/identity/login", new { email, password });
        login.EnsureSuccessStatusCode();
        token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        _tokens[email] = token;
        return token;
    }

    /// <summary>An API client signed in as the demo editor.</summary>
    public async Task<HttpClient> EditorApiAsync()
    {
        var editor = DemoData.Accounts.First(a => a.Role == "Editor");
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(editor.Email, editor.Password));
        return http;
    }

    private static readonly TimeSpan ServerTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A hub connection to the next instance in turn (the only one, unless there are several); with
    /// <paramref name="sharedBroadcasts"/>, one that takes broadcasts already parsed by another connection of this
    /// process (<see cref="SharedBroadcasts"/>), for the hundreds of simulated editors of a text.
    /// </summary>
    public async Task<HubConnection> ConnectAsync(string hubPath, string email, string password, bool sharedBroadcasts = false)
    {
        var token = await TokenAsync(email, password);
        var instance = Interlocked.Increment(ref _nextInstance) % Instances;
        var app = instance == 0 ? App : _others[instance - 1];
        var builder = new HubConnectionBuilder();
        if (sharedBroadcasts)
        {
            SharedBroadcasts.UseFor(builder);
        }

        return builder
            .WithUrl(new Uri(app.BaseAddress, hubPath), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            // Hundreds of simulated browsers share this process's two cores; past capacity a connection's timer and
            // receive loop can wait many seconds for a thread. With SignalR's defaults (a ping every 15 s, the server
            // given up after 30 s of silence) such connections dropped and reconnected, so an overloaded run measured
            // its own starvation. A browser has a machine of its own; here the server is given two minutes, and this
            // side pings every 5 s, well inside the server's 30 s (a dead server still shows at once: its socket closes).
            .WithServerTimeout(ServerTimeout)
            .WithKeepAliveInterval(KeepAlive)
            .Build();
    }

    /// <summary>CPU time used by the app processes so far, and their resident memory now (all instances together).</summary>
    public (TimeSpan Cpu, long ResidentBytes) ServerUsage()
    {
        var usage = new[] { App }.Concat(_others).Select(Usage).ToList();
        return (TimeSpan.FromTicks(usage.Sum(u => u.Cpu.Ticks)), usage.Sum(u => u.ResidentBytes));
    }

    private static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// Waits until the apps have used under 5% of a core over a whole <see cref="QuietWindow"/>, for at most
    /// <paramref name="atMost"/>, and says how long that took and whether they went quiet. The window is longer than
    /// the app's own timer (<c>SystemTasks</c>, every 2 s), so a round of saving or compacting in progress is seen.
    /// </summary>
    public async Task<(TimeSpan Waited, bool Quiet)> WaitUntilQuietAsync(TimeSpan atMost)
    {
        var waited = Stopwatch.StartNew();
        var (before, _) = ServerUsage();
        while (waited.Elapsed < atMost)
        {
            await Task.Delay(QuietWindow);
            var (now, _) = ServerUsage();
            if ((now - before) / QuietWindow < 0.05)
            {
                return (waited.Elapsed, true);
            }

            before = now;
        }

        return (waited.Elapsed, false);
    }

    private static (TimeSpan Cpu, long ResidentBytes) Usage(AppProcess app)
    {
        var stat = File.ReadAllText($"/proc/{app.Process.Id}/stat");
        // Fields after the command name (which may hold spaces) in parentheses; utime and stime are the 14th and 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var rss = File.ReadLines($"/proc/{app.Process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (TimeSpan.FromSeconds(ticks / 100.0), kb * 1024);
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            App.Dispose();
            _others.ForEach(other => other.Dispose());
            _redis?.Dispose();
            if (_keys is not null)
            {
                Directory.Delete(_keys, recursive: true);
            }
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>Samples the server's CPU and memory once a second while a run lasts.</summary>
public sealed class ServerSampler : IAsyncDisposable
{
    private readonly Rig _rig;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(double CpuPercent, long ResidentBytes)> _samples = [];

    public ServerSampler(Rig rig)
    {
        _rig = rig;
        _loop = Task.Run(LoopAsync);
    }

    public double AverageCpuPercent
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? 0 : _samples.Average(s => s.CpuPercent);
            }
        }
    }

    public long PeakResidentBytes
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count == 0 ? 0 : _samples.Max(s => s.ResidentBytes);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var clock = Stopwatch.StartNew();
        var (lastCpu, _) = SafeUsage();
        var lastAt = clock.Elapsed;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(1000, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var (cpu, rss) = SafeUsage();
            var now = clock.Elapsed;
            if (rss > 0 && cpu >= lastCpu)
            {
                // 100% is one core; the machine has Environment.ProcessorCount of them.
                lock (_samples)
                {
                    _samples.Add(((cpu - lastCpu) / (now - lastAt) * 100, rss));
                }
            }

            (lastCpu, lastAt) = (cpu, now);
        }
    }

    private (TimeSpan, long) SafeUsage()
    {
        try
        {
            return _rig.ServerUsage();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return (TimeSpan.Zero, 0); // the server is being restarted: gone, or a zombie with no memory figures
        }
    }
}
