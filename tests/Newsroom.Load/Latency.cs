namespace Newsroom.Load;

/// <summary>
/// Keystroke-to-peer latency: from the moment an editor makes an edit to the moment every other editor in the text
/// has taken it in. Edits are known by (editor, n): the server keeps each client's updates in order, one per
/// keystroke, so the n-th update a peer sees from an editor is that editor's n-th keystroke.
/// </summary>
/// <remarks>
/// Editors are known by their index in the run (<see cref="SimulatedEditor.ClientIdOf"/>), not by client id: every
/// simulated editor looks up every update it takes in here, and hashing client ids for it was a tenth of the
/// generator's CPU at 500 editors in one story. Each editor's edits wait in a ring by number, not a concurrent
/// dictionary: every peer looks each of them up, and those lookups were a tenth of it again (ADR-031).
/// </remarks>
public sealed class LatencyTracker(int editors, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // Edits an editor has waiting for its peers: minutes of typing, far beyond any latency a run has.
    private const int Ring = 2048;

    private readonly Pending?[]?[] _pending = new Pending?[editors][];
    private int _overrun;
    // Each measured edit: when its last peer took it in, and how long after it was made.
    private readonly List<(long At, double Milliseconds)> _measured = [];
    private readonly Lock _gate = new();

    /// <summary>Edits made before this timestamp of the clock are not measured (connections and JIT still settling).</summary>
    public long MeasureFrom { get; set; } = long.MaxValue;

    public int Measured
    {
        get
        {
            lock (_gate)
            {
                return _measured.Count;
            }
        }
    }

    public int Editors => editors;

    /// <summary>Edits some peer never received (only a fault run should have any).</summary>
    public int Incomplete => _overrun + _pending.Sum(ring => ring?.Count(p => p is not null) ?? 0);

    /// <summary>Editor <paramref name="editor"/> made its edit number <paramref name="number"/> (from 1), which <paramref name="peers"/> others are to take in.</summary>
    public void Edited(int editor, int number, int peers)
    {
        var now = _clock.GetTimestamp();
        if (peers > 0 && now >= MeasureFrom)
        {
            var ring = _pending[editor] ??= new Pending?[Ring];
            if (Interlocked.Exchange(ref ring[number % Ring], new Pending(number, now, peers)) is not null)
            {
                Interlocked.Increment(ref _overrun);
            }
        }
    }

    public void Received(int editor, int number)
    {
        var ring = Volatile.Read(ref _pending[editor]);
        if (ring is null)
        {
            return;
        }

        ref var slot = ref ring[number % Ring];
        if (Volatile.Read(ref slot) is { } edit && edit.Number == number && Interlocked.Decrement(ref edit.Remaining) == 0)
        {
            Interlocked.CompareExchange(ref slot, null, edit);
            var now = _clock.GetTimestamp();
            var elapsed = _clock.GetElapsedTime(edit.Started, now).TotalMilliseconds;
            lock (_gate)
            {
                _measured.Add((now, elapsed));
            }
        }
    }

    public LatencySummary Summary()
    {
        lock (_gate)
        {
            return LatencySummary.Of(_measured.Select(m => m.Milliseconds));
        }
    }

    /// <summary>
    /// The measured edits by the second of the measurement in which their last peer took them in, from 0: whether a
    /// run's slow edits are spread over it or bunched in a few seconds (ADR-033).
    /// </summary>
    public IReadOnlyList<LatencySecond> BySecond()
    {
        lock (_gate)
        {
            return [.. _measured
                .GroupBy(m => (int)((m.At - MeasureFrom) / _clock.TimestampFrequency))
                .OrderBy(second => second.Key)
                .Select(second => new LatencySecond(second.Key, LatencySummary.Of(second.Select(m => m.Milliseconds))))];
        }
    }

    private sealed class Pending(int number, long started, int remaining)
    {
        public int Number { get; } = number;

        public long Started { get; } = started;
        public int Remaining = remaining;
    }
}

/// <summary>The edits whose last peer took them in during one second of a run's measurement.</summary>
public sealed record LatencySecond(int Second, LatencySummary Latency);

public sealed record LatencySummary(int Samples, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0)
            : new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    // Nearest rank: the smallest value with at least p of the samples at or below it.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
