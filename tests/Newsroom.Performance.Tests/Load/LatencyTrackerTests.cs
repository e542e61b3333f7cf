using Newsroom.Load;

namespace Newsroom.Performance.Tests.Load;

/// <summary>The load tool's keystroke-to-peer latency: an edit counts once every peer has taken it in, and not before.</summary>
public sealed class LatencyTrackerTests
{
    [Fact]
    public void An_edit_is_measured_when_its_last_peer_takes_it_in_and_one_a_peer_missed_stays_incomplete()
    {
        var latency = new LatencyTracker(editors: 3) { MeasureFrom = 0 };
        latency.Edited(editor: 0, number: 1, peers: 2);
        latency.Edited(editor: 0, number: 2, peers: 2);
        latency.Edited(editor: 2, number: 1, peers: 2);

        latency.Received(editor: 0, number: 1);
        Assert.Equal((0, 3), (latency.Measured, latency.Incomplete));
        latency.Received(editor: 0, number: 1);
        Assert.Equal((1, 2), (latency.Measured, latency.Incomplete));

        // An edit already measured, one never made, or one of another editor's numbers changes nothing.
        latency.Received(editor: 0, number: 1);
        latency.Received(editor: 0, number: 2 + 2048);
        latency.Received(editor: 1, number: 1);
        latency.Received(editor: 2, number: 1);
        Assert.Equal((1, 2), (latency.Measured, latency.Incomplete));
    }

    [Fact]
    public void Edits_before_the_measurement_starts_or_with_nobody_to_see_them_are_not_measured()
    {
        var latency = new LatencyTracker(editors: 2);
        latency.Edited(editor: 0, number: 1, peers: 1);
        latency.MeasureFrom = 0;
        latency.Edited(editor: 1, number: 1, peers: 0);
        latency.Received(editor: 0, number: 1);
        latency.Received(editor: 1, number: 1);
        Assert.Equal((0, 0), (latency.Measured, latency.Incomplete));
    }

    [Fact]
    public void By_second_each_edit_counts_in_the_second_its_last_peer_took_it_in()
    {
        var clock = new Clock { Now = 5_000 };
        var latency = new LatencyTracker(editors: 2, clock) { MeasureFrom = 5_000 };
        latency.Edited(editor: 0, number: 1, peers: 1);
        clock.Now = 5_040;
        latency.Received(editor: 0, number: 1);
        latency.Edited(editor: 1, number: 1, peers: 1);
        latency.Edited(editor: 0, number: 2, peers: 1);
        clock.Now = 7_300;
        latency.Received(editor: 1, number: 1);
        latency.Received(editor: 0, number: 2);

        var bySecond = latency.BySecond();
        Assert.Equal([0, 2], bySecond.Select(s => s.Second));
        Assert.Equal((1, 40.0), (bySecond[0].Latency.Samples, bySecond[0].Latency.Max));
        Assert.Equal((2, 2_260.0), (bySecond[1].Latency.Samples, bySecond[1].Latency.P99));
        Assert.Equal(3, latency.Summary().Samples);
    }

    /// <summary>A clock that counts milliseconds and moves only when told.</summary>
    private sealed class Clock : TimeProvider
    {
        public long Now { get; set; }

        public override long TimestampFrequency => 1_000;

        public override long GetTimestamp() => Now;
    }
}
