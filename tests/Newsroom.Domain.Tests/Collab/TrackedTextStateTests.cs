using System.Text.Json;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>What is stored beside a text survives a round trip, so suggestions and authorship outlive restarts and compaction.</summary>
public sealed class TrackedTextStateTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static TrackedText Sample()
    {
        var text = new TrackedText("قال الوزير إن الاتفاق", "rana");
        text.Apply(text.Suggest("omar", "o-1", "omar", Noon, 4, 4, "كَتَبَ ", "word order"));
        text.Apply(text.Suggest("omar", "o-2", "omar", Noon, 15, 17, ""));
        text.Apply(TrackedText.Edit("lina", "l-1", "lina", Noon, ChangeSet.Replace(text.Text.Length, text.Text.Length, text.Text.Length, " وُقّع")));
        return text;
    }

    [Fact]
    public void The_state_round_trips_through_json_and_the_restored_replica_goes_on_alike()
    {
        var original = Sample();
        var json = JsonSerializer.Serialize(original.State);
        var restored = TrackedText.Restore(original.Text, JsonSerializer.Deserialize<TrackedTextState>(json)!);

        Assert.Contains("\"Insertion\"", json, StringComparison.Ordinal);
        Assert.Equal(original.Suggestions, restored.Suggestions);
        Assert.Equal(original.Authorship.Runs, restored.Authorship.Runs);

        var next = original.Suggest("lina", "l-2", "lina", Noon, 5, 5, "x");
        var decision = original.Decide("rana", "r-1", "rana", Noon, original.Suggestions[0].Id, accept: false)!;
        foreach (var replica in new[] { original, restored })
        {
            replica.Apply(next);
            replica.Apply(Rebase.RebaseOneByOne([decision], [next]).Single());
        }

        Assert.Equal(original.Text, restored.Text);
        Assert.Equal(original.Suggestions, restored.Suggestions);
        Assert.Equal(original.Authorship.Runs, restored.Authorship.Runs);
    }

    [Fact]
    public void A_state_that_does_not_fit_the_text_is_refused()
    {
        var original = Sample();

        Assert.Throws<FormatException>(() => TrackedText.Restore(original.Text + "!", original.State));
        Assert.Throws<FormatException>(() => TrackedText.Restore(original.Text, original.State with { Suggestions = [] }));
    }

    [Fact]
    public void An_updates_tracking_round_trips_through_json()
    {
        var text = new TrackedText("abcdef", "rana");
        var tracking = text.Suggest("omar", "o-1", "omar", Noon, 1, 3, "X", "why").Tracking!;

        var back = JsonSerializer.Deserialize<Tracking>(JsonSerializer.Serialize(tracking))!;

        Assert.Equal(tracking with { Deletions = null }, back with { Deletions = null });
        Assert.Equal(tracking.Deletions, back.Deletions);
    }
}
