using System.Diagnostics;
using Newsroom.Testing;

namespace Newsroom.Performance.Tests;

/// <summary>One of the measuring tools, run as a user runs it: its own build output, as a process.</summary>
internal static class Tool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string project, TimeSpan timeout, params string[] arguments)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", [$"{project}.dll", .. arguments])
        {
            WorkingDirectory = Path.Combine(SeedArticle.RepositoryRoot, "tests", project, "bin", configuration, "net10.0"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // SIGTERM first: the load tool then stops the app and the PostgreSQL it started (pg_ctl leaves no child to kill).
            using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await terminate.WaitForExitAsync();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
            }

            throw new TimeoutException($"{project} {string.Join(' ', arguments)} ran longer than {timeout}:\n{await output}");
        }

        return (process.ExitCode, await output + await errors);
    }

    public static string OutputDirectory(string name) =>
        Directory.CreateTempSubdirectory($"newsroom-{name}-").FullName;
}
