using BenchmarkDotNet.Attributes;
using Newsroom.Testing;

namespace Newsroom.Benchmarks;

/// <summary>
/// Each sequential trace of ../shared/data/editing-traces (josephg/editing-traces, CC BY 4.0; automerge-paper by
/// Kleppmann and Beresford) replayed through the Domain text model. The setup checks each path ends in the trace's
/// endContent, so a fast wrong answer cannot be reported.
/// </summary>
[MemoryDiagnoser]
public class TraceBenchmarks
{
    private TraceReplay _replay = null!;

    public static IEnumerable<string> Traces => EditingTrace.Names;

    [ParamsSource(nameof(Traces))]
    public string Trace { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _replay = TraceReplay.Load(Trace);
        EditCounts.Record(Trace, _replay.Edits.Count);
        if (_replay.Apply().ToString() != _replay.Trace.EndContent || _replay.Rebase().ToString() != _replay.EndAfterRebase)
        {
            throw new InvalidOperationException($"Replaying {Trace} does not end in its endContent.");
        }
    }

    /// <summary>Every keystroke applied to the live text, one at a time.</summary>
    [Benchmark(Baseline = true)]
    public int Apply() => _replay.Apply().Length;

    /// <summary>Keystrokes in pushes of 40 made against an older version: rebased, composed, applied.</summary>
    [Benchmark]
    public int Rebase() => _replay.Rebase().Length;
}
