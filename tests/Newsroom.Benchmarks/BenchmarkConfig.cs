using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Newsroom.Benchmarks;

/// <summary>BenchmarkDotNet's defaults plus two columns per trace: edits per second and bytes allocated per edit.</summary>
public static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddColumn(new PerEditColumn("Edits/s", (mean, _, edits) => (edits / (mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)))
        .AddColumn(new PerEditColumn("B/edit", (_, bytes, edits) => (bytes / (double)edits).ToString("N1", CultureInfo.InvariantCulture)))
        .AddExporter(BenchmarkDotNet.Exporters.Json.JsonExporter.Full);
}

/// <summary>How many edits each trace has, recorded by the benchmark's setup (which runs in the benchmark process).</summary>
public static class EditCounts
{
    private static readonly ConcurrentDictionary<string, int> Counts = new();

    public static void Record(string trace, int edits) => Counts[trace] = edits;

    public static int Of(string trace) => Counts.GetOrAdd(trace, t => TraceReplay.Load(t).Edits.Count);
}

internal sealed class PerEditColumn(string name, Func<double, long, int, string> value) : IColumn
{
    public string Id => name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => name == "Edits/s" ? "Edits applied per second" : "Bytes allocated per edit";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        if (benchmarkCase.Parameters["Trace"] is not string trace)
        {
            // Not a trace's benchmark: no edit count to divide by.
            return "-";
        }

        var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) ?? 0;
        return value(statistics.Mean, bytes, EditCounts.Of(trace));
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
