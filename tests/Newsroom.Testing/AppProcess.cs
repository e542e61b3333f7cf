using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Newsroom.Testing;

/// <summary>
/// The built app as a real process on a loopback port: for what only a process can show (start-up, SIGKILL, a
/// restart under an open page), and for the load tool, which measures a server it does not share a process with.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly System.Text.StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly Process _process;

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public Process Process => _process;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the web project's own build output, in the configuration the caller was built in.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment, int port = 0)
    {
        port = port == 0 ? FreePort() : port;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", ["Newsroom.Web.dll"])
        {
            WorkingDirectory = Path.Combine(SeedArticle.RepositoryRoot, "src", "Newsroom.Web", "bin", configuration, "net10.0"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Every simulated editor signs in from this one address; the per-address limits have their own tests.
        start.Environment["SignIn__PermitLimit"] = "1000000";
        start.Environment["ReaderSearch__PermitLimit"] = "1000000";
        // Simulated editors share the demo accounts, so one "person" holds hundreds of connections.
        start.Environment["Hubs__MaxConnectionsPerPerson"] = "1000000";
        start.Environment["Hubs__PushesPerSecondPerPerson"] = "1000000";
        start.Environment["Hubs__PushBurstPerPerson"] = "1000000";
        // Tests and the load tool make the stories they measure; a caller asks for the demo newsroom when it is the point.
        start.Environment["Newsroom__SeedDemoStories"] = "false";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new AppProcess(Process.Start(start)!, port);
    }

    public async Task WaitForAsync(string line, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(line, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited before printing '{line}':\n{Output}");
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The app did not print '{line}' in time. It printed:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing, exactly as a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
