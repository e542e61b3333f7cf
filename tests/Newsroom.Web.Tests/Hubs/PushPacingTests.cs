using Microsoft.Extensions.Configuration;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>The back-pressure pause grows with how long a push took beyond the threshold, from nothing, without a step.</summary>
public sealed class PushPacingTests
{
    private static readonly PushPacing Pacing = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Hubs:PushPacingAfterMs"] = "150" })
        .Build());

    [Theory]
    [InlineData(0, 0)]
    [InlineData(149, 0)]
    [InlineData(150, 0)]
    [InlineData(151, 1)]
    [InlineData(160, 10)]
    [InlineData(1_150, 1_000)]
    [InlineData(60_000, PushPacing.MaxPauseMs)]
    public void The_pause_is_what_the_push_took_beyond_the_threshold_at_most_the_maximum(int tookMs, int pauseMs) =>
        Assert.Equal(pauseMs, Pacing.PauseAfter(TimeSpan.FromMilliseconds(tookMs)));
}
