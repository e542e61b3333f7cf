using System.Diagnostics;
using Newsroom.Testing;

namespace Newsroom.Benchmarks;

/// <summary>One replay of every trace through both paths, each compared with the text the trace ends in.</summary>
public static class TraceChecks
{
    public static int Run(TextWriter output)
    {
        var failures = 0;
        foreach (var name in EditingTrace.Names)
        {
            var replay = TraceReplay.Load(name);
            var (applied, applyTime) = Timed(() => replay.Apply().ToString());
            var (rebased, rebaseTime) = Timed(() => replay.Rebase().ToString());
            var ok = applied == replay.Trace.EndContent && rebased == replay.EndAfterRebase;
            failures += ok ? 0 : 1;
            output.WriteLine(
                $"{(ok ? "ok  " : "FAIL")} {name}: {replay.Edits.Count:N0} edits, apply {applyTime.TotalMilliseconds:N1} ms, rebase {rebaseTime.TotalMilliseconds:N1} ms (the first run, so JIT included; BenchmarkDotNet gives the steady figures)");
        }

        return failures;
    }

    private static (string Result, TimeSpan Time) Timed(Func<string> replay)
    {
        var clock = Stopwatch.StartNew();
        var result = replay();
        return (result, clock.Elapsed);
    }
}
