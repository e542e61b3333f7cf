using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hosting;

/// <summary>The README's promise: with nothing configured the app brings its own database, and takes it down again.</summary>
public sealed class EmbeddedDatabaseTests
{
    [Fact]
    public async Task With_no_connection_string_the_app_starts_its_own_PostgreSQL_and_stops_it_on_exit()
    {
        var data = Directory.CreateTempSubdirectory("newsroom-embedded-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        var port = FreePort();
        using var app = StartApp(data, port);
        var output = new OutputLog(app);
        try
        {
            await output.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(120));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            Assert.Equal("Healthy", await http.GetStringAsync("/health"));
            using var login = await http.PostAsJsonAsync("/api/identity/login",
                new { email = "admin@newsroom.test", password = "Admin-demo-1" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Contains("Demo Editor: samira.nasser@newsroom.test / Editor-demo-1", output.Text, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "cluster", "postmaster.pid")), "the app's own cluster is running");

            using (var interrupt = Process.Start("kill", ["-INT", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, app.ExitCode);
            Assert.False(File.Exists(Path.Combine(data, "cluster", "postmaster.pid")), "the cluster stopped with the app");
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }

            await StopLeftoverClusterAsync(data);
            Directory.Delete(data, recursive: true);
        }
    }

    private static Process StartApp(string dataDirectory, int port)
    {
        // The web project's own build output, in the configuration these tests were built in.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var webOutput = Path.Combine(Readme.RepositoryRoot, "src", "Newsroom.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", ["Newsroom.Web.dll"])
        {
            WorkingDirectory = webOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__Newsroom"] = "",
                ["LocalDatabase__Directory"] = dataDirectory,
            },
        };
        return Process.Start(start)!;
    }

    private static async Task StopLeftoverClusterAsync(string dataDirectory)
    {
        if (File.Exists(Path.Combine(dataDirectory, "cluster", "postmaster.pid")))
        {
            var pgCtl = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_ctl")).First(File.Exists);
            string[] stop = [pgCtl, "stop", "-D", Path.Combine(dataDirectory, "cluster"), "-m", "immediate"];
            using var process = Environment.UserName == "root"
                ? Process.Start("runuser", ["-u", "postgres", "--", .. stop])
                : Process.Start(stop[0], stop[1..]);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class OutputLog
    {
        private readonly System.Text.StringBuilder _text = new();
        private readonly Lock _gate = new();

        public OutputLog(Process process)
        {
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public async Task WaitForAsync(string line, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Text.Contains(line, StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline, $"The app did not print '{line}' in time. It printed:\n{Text}");
                await Task.Delay(200);
            }
        }

        private void Append(string? line)
        {
            lock (_gate)
            {
                _text.AppendLine(line);
            }
        }
    }
}
