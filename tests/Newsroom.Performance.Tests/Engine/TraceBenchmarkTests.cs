namespace Newsroom.Performance.Tests.Engine;

public sealed class TraceBenchmarkTests
{
    [Fact]
    public async Task Every_trace_replays_to_its_end_text_through_both_paths()
    {
        var (exit, output) = await Tool.RunAsync("Newsroom.Benchmarks", TimeSpan.FromMinutes(3), "check");

        Assert.True(exit == 0, output);
        Assert.Equal(7, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Contains("automerge-paper: 259,778 edits", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_benchmark_runs_and_reports_edits_per_second_and_bytes_per_edit()
    {
        var artifacts = Tool.OutputDirectory("bench");
        var (exit, output) = await Tool.RunAsync("Newsroom.Benchmarks", TimeSpan.FromMinutes(8),
            "--filter", "*Apply*", "--job", "dry", "--inProcess", "--artifacts", artifacts);

        Assert.True(exit == 0, output);
        var table = File.ReadAllText(Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report-github.md").Single());
        Assert.Contains("Edits/s", table, StringComparison.Ordinal);
        Assert.Contains("B/edit", table, StringComparison.Ordinal);
        Assert.Contains("automerge-paper", table, StringComparison.Ordinal);
    }
}
