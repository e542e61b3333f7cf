using BenchmarkDotNet.Running;
using Newsroom.Benchmarks;

// "check": replay every trace once through both paths and compare with endContent (what CI runs). Anything else goes
// to BenchmarkDotNet, e.g. `-- --filter '*'` for the full run or `-- --filter '*' --job short` for a quick one.
if (args is ["check"])
{
    return TraceChecks.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(TraceBenchmarks).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
