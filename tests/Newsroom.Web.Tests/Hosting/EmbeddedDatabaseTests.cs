using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Newsroom.Testing;

namespace Newsroom.Web.Tests.Hosting;

/// <summary>The README's promise: with nothing configured the app brings its own database, and takes it down again.</summary>
public sealed class EmbeddedDatabaseTests
{
    [Fact]
    public async Task With_no_connection_string_the_app_starts_its_own_PostgreSQL_and_stops_it_on_exit()
    {
        var data = Directory.CreateTempSubdirectory("newsroom-embedded-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Newsroom"] = "",
            ["LocalDatabase__Directory"] = data,
        });
        try
        {
            await app.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(120));
            using var http = new HttpClient { BaseAddress = app.BaseAddress };

            Assert.Equal("Healthy", await http.GetStringAsync("/health"));
            using var login = await http.PostAsJsonAsync("/api/identity/login", new { email = "admin@newsroom.test", password = "Admin-demo-1" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Contains("Demo Editor: samira.nasser@newsroom.test / Editor-demo-1", app.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "cluster", "postmaster.pid")), "the app's own cluster is running");

            await InterruptAsync(app);
            Assert.False(File.Exists(Path.Combine(data, "cluster", "postmaster.pid")), "the cluster stopped with the app");
        }
        finally
        {
            app.Dispose();
            await StopLeftoverClusterAsync(data);
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Ctrl+C, and the app must end cleanly.</summary>
    internal static async Task InterruptAsync(AppProcess app)
    {
        using (var interrupt = Process.Start("kill", ["-INT", app.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        try
        {
            await app.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // A shell that starts the tests in the background (`… &`) makes them, and the app, ignore Ctrl+C.
            Assert.Fail($"The app did not end within 60 s of Ctrl+C (run the tests in the foreground). Its console:\n{app.Output[^Math.Min(app.Output.Length, 8_000)..]}");
        }

        Assert.Equal(0, app.Process.ExitCode);
    }

    internal static async Task StopLeftoverClusterAsync(string dataDirectory)
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
}
