using System.Text.Json;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>The live core's replica: suggestions and authorship over the session's own gap buffer (ADR-021).</summary>
public sealed class SharedTextReplicaTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_replica_over_a_shared_buffer_reads_the_buffer_and_keeps_no_text_of_its_own()
    {
        var buffer = new TextBuffer("the big deal");
        var live = TrackedText.Over(buffer, state: null, "rana");
        var suggestion = live.Suggest("omar", "o-1", "omar", Noon, 4, 7, "small");

        suggestion.Changes.ApplyTo(buffer);
        live.Follow(suggestion);

        Assert.Equal("the smallbig deal", live.Text);
        Assert.Equal(
            [(SuggestionKind.Insertion, 4, 9), (SuggestionKind.Deletion, 9, 12)],
            live.Suggestions.Select(s => (s.Kind, s.Range.From, s.Range.To)));
        Assert.Equal([new Run<string>(4, "rana"), new Run<string>(5, "omar"), new Run<string>(8, "rana")], live.Authorship.Runs);
        Assert.Throws<InvalidOperationException>(() => live.Apply(TrackedText.Edit("x", "x-1", "x", Noon, ChangeSet.Empty(buffer.Length))));
    }

    [Fact]
    public void Following_an_update_the_buffer_has_not_taken_is_refused_rather_than_misread()
    {
        var buffer = new TextBuffer("ab");
        var live = TrackedText.Over(buffer, state: null, "rana");

        Assert.Throws<InvalidOperationException>(() => live.Follow(TrackedText.Edit("x", "x-1", "x", Noon, ChangeSet.Replace(2, 2, 2, "c"))));
    }

    [Fact]
    public void Undo_takes_back_suggestions_and_authorship_to_where_tracking_began()
    {
        var buffer = new TextBuffer("ab");
        var live = TrackedText.Over(buffer, state: null, "rana");
        var before = JsonSerializer.Serialize(live.State);
        buffer.Track();
        live.Track();

        var suggestion = live.Suggest("omar", "o-1", "omar", Noon, 0, 1, "X");
        suggestion.Changes.ApplyTo(buffer);
        live.Follow(suggestion);
        buffer.Undo();
        live.Undo();

        Assert.Equal(("ab", before), (live.Text, JsonSerializer.Serialize(live.State)));
    }

    [Fact]
    public void An_owned_replica_takes_back_its_text_too()
    {
        var text = new TrackedText("ab", "rana");
        text.Track();
        text.Apply(text.Suggest("omar", "o-1", "omar", Noon, 1, 1, "X"));
        text.Undo();

        Assert.Equal(("ab", 0), (text.Text, text.Suggestions.Count));
    }

    [Fact]
    public void Whether_a_range_is_all_one_persons_suggested_insertion()
    {
        var text = new TrackedText("ab", "rana");
        text.Apply(text.Suggest("omar", "o-1", "omar", Noon, 1, 1, "XY"));
        text.Apply(text.Suggest("lina", "l-1", "lina", Noon, 4, 4, "Z"));

        Assert.True(text.IsSuggestedBy(1, 3, "omar"));
        Assert.True(text.IsSuggestedBy(2, 2, "rana"));
        Assert.False(text.IsSuggestedBy(0, 2, "omar"));
        Assert.False(text.IsSuggestedBy(1, 3, "lina"));
        Assert.False(text.IsSuggestedBy(3, 5, "omar"));
    }

    [Fact]
    public void A_suggestion_pushed_behind_is_rebased_with_its_marked_deletion_on_the_fast_path_too()
    {
        var client = new TrackedText("the big deal", "rana");
        var suggestion = client.Suggest("omar", "o-1", "omar", Noon, 4, 7, "small");
        var accepted = TrackedText.Edit("lina", "l-1", "lina", Noon, ChangeSet.Replace(12, 0, 0, "So, "));

        var oneByOne = Assert.Single(Rebase.RebaseOneByOne([suggestion], [accepted]));
        var generic = Assert.Single(Rebase.RebaseUpdates([suggestion], [accepted]));

        Assert.Equal([new TextRange(13, 16)], oneByOne.Tracking!.Deletions);
        Assert.Equal(generic.Tracking!.Deletions, oneByOne.Tracking.Deletions);
    }

    [Fact]
    public void Checking_a_suggestion_names_what_is_wrong_with_it()
    {
        var text = new TrackedText("ab", "rana");
        text.Apply(text.Suggest("omar", "o-1", "omar", Noon, 2, 2, "XY"));

        Assert.Null(PushLimits.CheckSuggestion(text, ChangeSet.Replace(4, 2, 3, ""), [new TextRange(0, 1)], "omar"));
        Assert.Equal("push.suggestion-deletes-text", PushLimits.CheckSuggestion(text, ChangeSet.Replace(4, 1, 3, ""), [], "omar")?.Code);
        Assert.Equal("push.suggestion-deletes-text", PushLimits.CheckSuggestion(text, ChangeSet.Replace(4, 2, 3, ""), [], "lina")?.Code);
        Assert.Equal("push.suggestion-range", PushLimits.CheckSuggestion(text, ChangeSet.Empty(4), [new TextRange(3, 5)], "omar")?.Code);
        Assert.Equal("push.suggestion-range", PushLimits.CheckSuggestion(text, ChangeSet.Empty(4), [new TextRange(1, 1)], "omar")?.Code);
        Assert.Equal("push.suggestion-range", PushLimits.CheckSuggestion(text, ChangeSet.Empty(4), [new TextRange(2, 3), new TextRange(1, 2)], "omar")?.Code);
        Assert.Equal("push.suggest-only", PushLimits.CheckSuggestion(text, ChangeSet.Replace(4, 2, 3, ""), [], "omar", deletesNothing: true)?.Code);
        Assert.Null(PushLimits.CheckSuggestion(text, ChangeSet.Replace(4, 4, 4, "!"), [], "omar", deletesNothing: true));
    }
}
