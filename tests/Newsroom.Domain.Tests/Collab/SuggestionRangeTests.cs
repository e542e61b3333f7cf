using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>The suggestion rules one at a time (ADR-020): what each suggest-mode edit, ordinary edit and decision leaves.</summary>
public sealed class SuggestionRangeTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private int _counter;

    private Update Suggest(TrackedText text, string author, int from, int to, string insert, string? note = null)
    {
        var update = text.Suggest(author, $"{author}-{++_counter}", author, Noon, from, to, insert, note);
        text.Apply(update);
        return update;
    }

    private void Edit(TrackedText text, string author, int from, int to, string insert) =>
        text.Apply(TrackedText.Edit(author, $"{author}-{++_counter}", author, Noon, ChangeSet.Replace(text.Text.Length, from, to, insert)));

    private Update Decide(TrackedText text, string author, Suggestion suggestion, bool accept)
    {
        var update = text.Decide(author, $"{author}-{++_counter}", author, Noon, suggestion.Id, accept)!;
        text.Apply(update);
        return update;
    }

    private static (SuggestionKind Kind, string Author, int From, int To)[] Shape(TrackedText text) =>
        [.. text.Suggestions.Select(s => (s.Kind, s.AuthorId, s.Range.From, s.Range.To))];

    [Fact]
    public void A_suggested_insertion_is_in_the_text_with_its_author_time_and_note()
    {
        var text = new TrackedText("The minister said.", "rana");
        Suggest(text, "omar", 12, 12, " clearly", "stronger");

        Assert.Equal("The minister clearly said.", text.Text);
        var suggestion = Assert.Single(text.Suggestions);
        Assert.Equal((SuggestionKind.Insertion, "omar", 12, 20), (suggestion.Kind, suggestion.AuthorId, suggestion.Range.From, suggestion.Range.To));
        Assert.Equal(Noon, suggestion.At);
        Assert.Equal("stronger", suggestion.Note);
    }

    [Fact]
    public void Typing_at_either_end_of_your_own_suggested_insertion_extends_it()
    {
        var text = new TrackedText("ab", "rana");
        Suggest(text, "omar", 1, 1, "xy");
        var id = text.Suggestions.Single().Id;
        Suggest(text, "omar", 3, 3, "z");
        Suggest(text, "omar", 1, 1, "w");

        text.Apply(text.Suggest("omar", "omar-late", "omar", Noon.AddMinutes(5), 5, 5, "!"));

        Assert.Equal("awxyz!b", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 1, 6)], Shape(text));
        Assert.Equal(id, text.Suggestions.Single().Id);
        Assert.Equal(Noon.AddMinutes(5), text.Suggestions.Single().At);
    }

    [Fact]
    public void Typing_inside_someone_elses_suggested_insertion_splits_it()
    {
        var text = new TrackedText("hello", "rana");
        Suggest(text, "omar", 5, 5, " world", "add the place");
        Suggest(text, "lina", 8, 8, "X");

        Assert.Equal("hello woXrld", text.Text);
        Assert.Equal(
            [(SuggestionKind.Insertion, "omar", 5, 8), (SuggestionKind.Insertion, "lina", 8, 9), (SuggestionKind.Insertion, "omar", 9, 12)],
            Shape(text));
        Assert.Equal(3, text.Suggestions.Select(s => s.Id).Distinct().Count());
        Assert.Equal("add the place", text.Suggestions[2].Note);
    }

    [Fact]
    public void An_ordinary_edit_inside_a_suggested_insertion_splits_it_too()
    {
        var text = new TrackedText("ab", "rana");
        Suggest(text, "omar", 1, 1, "wxyz");
        Edit(text, "rana", 3, 3, "!");

        Assert.Equal("awx!yzb", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 1, 3), (SuggestionKind.Insertion, "omar", 4, 6)], Shape(text));
    }

    [Fact]
    public void A_suggested_deletion_keeps_the_text_and_marks_it()
    {
        var text = new TrackedText("a very big deal", "rana");
        var update = Suggest(text, "omar", 2, 7, "");

        Assert.True(update.Changes.IsEmpty);
        Assert.Equal("a very big deal", text.Text);
        Assert.Equal([(SuggestionKind.Deletion, "omar", 2, 7)], Shape(text));
    }

    [Fact]
    public void Deleting_your_own_suggested_insertion_removes_it_with_no_deletion_mark()
    {
        var text = new TrackedText("ab", "rana");
        Suggest(text, "omar", 1, 1, "xyz");
        Suggest(text, "omar", 1, 4, "");

        Assert.Equal("ab", text.Text);
        Assert.Empty(text.Suggestions);
    }

    [Fact]
    public void Replacing_your_own_suggested_insertion_is_one_replacement_as_changeset_replace_makes_it()
    {
        var text = new TrackedText("ab", "rana");
        Suggest(text, "omar", 1, 1, "xyz");
        var update = Suggest(text, "omar", 1, 4, "Q");

        Assert.Equal(ChangeSet.Replace(5, 1, 4, "Q").ToJsonString(), update.Changes.ToJsonString());
        Assert.Equal("aQb", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 1, 2)], Shape(text));
    }

    [Fact]
    public void Deleting_part_of_your_own_suggested_insertion_and_some_original_text_marks_only_the_original()
    {
        var text = new TrackedText("abc", "rana");
        Suggest(text, "omar", 1, 1, "xy");
        Suggest(text, "omar", 2, 4, "");

        Assert.Equal("axbc", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 1, 2), (SuggestionKind.Deletion, "omar", 2, 3)], Shape(text));
    }

    [Fact]
    public void Deleting_someone_elses_suggested_insertion_proposes_its_deletion()
    {
        var text = new TrackedText("ab", "rana");
        Suggest(text, "omar", 1, 1, "xyz");
        Suggest(text, "lina", 1, 4, "");

        Assert.Equal("axyzb", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 1, 4), (SuggestionKind.Deletion, "lina", 1, 4)], Shape(text));
    }

    [Fact]
    public void Typing_at_a_suggested_deletion_goes_before_it()
    {
        var text = new TrackedText("abcdef", "rana");
        Suggest(text, "omar", 1, 4, "");
        Suggest(text, "lina", 2, 2, "X");

        Assert.Equal("aXbcdef", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "lina", 1, 2), (SuggestionKind.Deletion, "omar", 2, 5)], Shape(text));
    }

    [Fact]
    public void A_suggested_replacement_puts_the_new_text_before_the_struck_text()
    {
        var text = new TrackedText("the big deal", "rana");
        Suggest(text, "omar", 4, 7, "huge");

        Assert.Equal("the hugebig deal", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 4, 8), (SuggestionKind.Deletion, "omar", 8, 11)], Shape(text));
    }

    [Fact]
    public void Overlapping_and_touching_deletions_of_one_author_merge()
    {
        var text = new TrackedText("abcdefgh", "rana");
        Suggest(text, "omar", 1, 3, "");
        var id = text.Suggestions.Single().Id;
        Suggest(text, "omar", 2, 5, "");
        Suggest(text, "omar", 5, 6, "");

        var merged = Assert.Single(text.Suggestions);
        Assert.Equal((id, 1, 6), (merged.Id, merged.Range.From, merged.Range.To));
    }

    [Fact]
    public void Two_deletions_bridged_by_a_third_become_one()
    {
        var text = new TrackedText("abcdefgh", "rana");
        Suggest(text, "omar", 1, 2, "");
        Suggest(text, "omar", 5, 6, "");
        Suggest(text, "omar", 2, 5, "");

        Assert.Equal([(SuggestionKind.Deletion, "omar", 1, 6)], Shape(text));
    }

    [Fact]
    public void Overlapping_deletions_of_different_authors_merge_under_the_latest()
    {
        var text = new TrackedText("abcdefgh", "rana");
        Suggest(text, "omar", 1, 4, "");
        var id = text.Suggestions.Single().Id;
        Suggest(text, "lina", 2, 6, "", "cut more");

        var merged = Assert.Single(text.Suggestions);
        Assert.Equal((id, SuggestionKind.Deletion, "lina", "cut more", 1, 6), (merged.Id, merged.Kind, merged.AuthorId, merged.Note, merged.Range.From, merged.Range.To));
    }

    [Fact]
    public void Deletions_apart_stay_apart()
    {
        var text = new TrackedText("abcdefgh", "rana");
        Suggest(text, "omar", 1, 2, "");
        Suggest(text, "lina", 4, 5, "");

        Assert.Equal([(SuggestionKind.Deletion, "omar", 1, 2), (SuggestionKind.Deletion, "lina", 4, 5)], Shape(text));
    }

    [Fact]
    public void Ordinary_edits_move_suggestions_shrink_them_and_remove_them_when_their_text_is_gone()
    {
        var text = new TrackedText("0123456789", "rana");
        Suggest(text, "omar", 5, 5, "abc");
        Suggest(text, "omar", 1, 3, "");
        Assert.Equal([(SuggestionKind.Deletion, "omar", 1, 3), (SuggestionKind.Insertion, "omar", 5, 8)], Shape(text));

        Edit(text, "rana", 0, 0, ">>");
        Assert.Equal([(SuggestionKind.Deletion, "omar", 3, 5), (SuggestionKind.Insertion, "omar", 7, 10)], Shape(text));

        Edit(text, "rana", 8, 12, "");
        Assert.Equal(">>01234a789", text.Text);
        Assert.Equal([(SuggestionKind.Deletion, "omar", 3, 5), (SuggestionKind.Insertion, "omar", 7, 8)], Shape(text));

        Edit(text, "rana", 2, 6, "");
        Assert.Equal([(SuggestionKind.Insertion, "omar", 3, 4)], Shape(text));
    }

    [Fact]
    public void Adding_diacritics_to_a_suggested_arabic_word_extends_the_same_suggestion()
    {
        var text = new TrackedText("قال ", "rana");
        Suggest(text, "omar", 4, 4, "كتب");
        var id = text.Suggestions.Single().Id;

        Suggest(text, "omar", 5, 5, "\u064E"); // fatha on the kaf
        Suggest(text, "omar", 7, 7, "\u064E"); // fatha on the ta
        Suggest(text, "omar", 9, 9, "\u064E"); // fatha on the ba, at the end of the word

        Assert.Equal("قال كَتَبَ", text.Text);
        var suggestion = Assert.Single(text.Suggestions);
        Assert.Equal((id, 4, 10), (suggestion.Id, suggestion.Range.From, suggestion.Range.To));
    }

    [Fact]
    public void A_diacritic_suggested_on_an_original_letter_replaces_the_whole_letter()
    {
        var text = new TrackedText("كتب", "rana");
        Suggest(text, "omar", 1, 1, "\u064E");

        Assert.Equal("كَكتب", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 0, 2), (SuggestionKind.Deletion, "omar", 2, 3)], Shape(text));

        foreach (var suggestion in text.Suggestions.ToList())
        {
            Decide(text, "rana", suggestion, accept: true);
        }

        Assert.Equal("كَتب", text.Text);
        Assert.Empty(text.Suggestions);
    }

    [Fact]
    public void A_suggested_deletion_never_splits_a_letter_from_its_diacritics()
    {
        var text = new TrackedText("مَرْحَبًا", "rana");
        Suggest(text, "omar", 2, 3, ""); // the ra without its sukun

        Assert.Equal([(SuggestionKind.Deletion, "omar", 2, 4)], Shape(text));
    }

    [Fact]
    public void Typing_between_a_letter_and_its_diacritic_in_suggest_mode_replaces_the_whole_letter()
    {
        var text = new TrackedText("مَر", "rana");
        Suggest(text, "omar", 1, 1, "x");

        Assert.Equal("مx\u064Eمَر", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 0, 3), (SuggestionKind.Deletion, "omar", 3, 5)], Shape(text));
    }

    [Fact]
    public void Typing_between_a_letter_and_its_diacritic_in_someone_elses_arabic_suggestion_proposes_the_whole_letter()
    {
        var text = new TrackedText("قال ", "rana");
        Suggest(text, "omar", 4, 4, "كَتَبَ");
        Suggest(text, "lina", 5, 5, "ا"); // between the kaf and its fatha

        Assert.Equal("قال كاَكَتَبَ", text.Text);
        Assert.Equal(
            [(SuggestionKind.Insertion, "lina", 4, 7), (SuggestionKind.Insertion, "omar", 7, 13), (SuggestionKind.Deletion, "lina", 7, 9)],
            Shape(text));
        Assert.All(text.Suggestions, s => Assert.False(TrackedText.JoinsPrevious(text.Text[s.Range.From])));
    }

    [Fact]
    public void A_diacritic_typed_in_ordinary_mode_joins_the_suggestion_of_its_letter()
    {
        var text = new TrackedText("قال ", "rana");
        Suggest(text, "omar", 4, 4, "كتب");
        Edit(text, "rana", 5, 5, "\u064E");

        Assert.Equal([(SuggestionKind.Insertion, "omar", 4, 8)], Shape(text));
    }

    [Fact]
    public void A_suggestion_never_splits_a_surrogate_pair()
    {
        var text = new TrackedText("a😀b", "rana");
        Suggest(text, "omar", 1, 2, "");
        Assert.Equal([(SuggestionKind.Deletion, "omar", 1, 3)], Shape(text));

        var other = new TrackedText("a😀b", "rana");
        Suggest(other, "omar", 2, 2, "x");
        Assert.Equal("a\uD83Dx\uDE00😀b", other.Text);
        Assert.Equal([(SuggestionKind.Insertion, "omar", 1, 4), (SuggestionKind.Deletion, "omar", 4, 6)], Shape(other));
        Assert.DoesNotContain(other.Suggestions, s => char.IsLowSurrogate(other.Text[s.Range.From]));
    }

    [Fact]
    public void Accepting_an_insertion_only_drops_the_mark()
    {
        var text = new TrackedText("ab", "rana");
        Suggest(text, "omar", 1, 1, "xy");
        var update = Decide(text, "rana", text.Suggestions.Single(), accept: true);

        Assert.True(update.Changes.IsEmpty);
        Assert.Equal("axyb", text.Text);
        Assert.Empty(text.Suggestions);
    }

    [Fact]
    public void Rejecting_an_insertion_removes_its_text()
    {
        var text = new TrackedText("ab", "rana");
        Suggest(text, "omar", 1, 1, "xy");
        var update = Decide(text, "rana", text.Suggestions.Single(), accept: false);

        Assert.Equal("[1,[2],1]", update.Changes.ToJsonString());
        Assert.Equal("ab", text.Text);
        Assert.Empty(text.Suggestions);
    }

    [Fact]
    public void Accepting_a_deletion_removes_its_text()
    {
        var text = new TrackedText("a very big deal", "rana");
        Suggest(text, "omar", 2, 7, "");
        var update = Decide(text, "rana", text.Suggestions.Single(), accept: true);

        Assert.Equal("[2,[5],8]", update.Changes.ToJsonString());
        Assert.Equal("a big deal", text.Text);
        Assert.Empty(text.Suggestions);
    }

    [Fact]
    public void Rejecting_a_deletion_only_drops_the_mark()
    {
        var text = new TrackedText("a very big deal", "rana");
        Suggest(text, "omar", 2, 7, "");
        var update = Decide(text, "rana", text.Suggestions.Single(), accept: false);

        Assert.True(update.Changes.IsEmpty);
        Assert.Equal("a very big deal", text.Text);
        Assert.Empty(text.Suggestions);
    }

    [Fact]
    public void Accepting_all_of_one_persons_suggestions_leaves_the_others_open()
    {
        var text = new TrackedText("the big deal was signed", "rana");
        Suggest(text, "omar", 4, 7, "huge");
        Suggest(text, "lina", text.Text.Length, text.Text.Length, " today");
        Suggest(text, "omar", 0, 4, "");

        var updates = text.DecideAll("rana", n => $"rana-all-{n}", "rana", Noon, accept: true, suggestedBy: "omar");
        updates.ToList().ForEach(text.Apply);

        Assert.Equal(3, updates.Count);
        Assert.Equal("huge deal was signed today", text.Text);
        Assert.Equal([(SuggestionKind.Insertion, "lina", 20, 26)], Shape(text));
    }

    [Fact]
    public void Rejecting_all_suggestions_gives_back_the_original_text()
    {
        var text = new TrackedText("قال الوزير إن الاتفاق", "rana");
        Suggest(text, "omar", 4, 10, "الرئيس");
        Suggest(text, "lina", 0, 0, "و");
        Suggest(text, "omar", 2, 2, "\u064E"); // a fatha on the qaf, after Lina's waw

        text.DecideAll("rana", n => $"rana-all-{n}", "rana", Noon, accept: false).ToList().ForEach(text.Apply);

        Assert.Equal("قال الوزير إن الاتفاق", text.Text);
        Assert.Empty(text.Suggestions);
    }

    [Fact]
    public void Deciding_a_suggestion_that_is_not_there_gives_no_update()
    {
        var text = new TrackedText("ab", "rana");

        Assert.Null(text.Decide("rana", "r-1", "rana", Noon, "nope", accept: true));
    }

    [Fact]
    public void Positions_outside_the_text_are_refused()
    {
        var text = new TrackedText("ab", "rana");

        Assert.Throws<ArgumentOutOfRangeException>(() => text.Suggest("omar", "o-1", "omar", Noon, 1, 3, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => text.Suggest("omar", "o-1", "omar", Noon, 2, 1, "x"));
    }

    [Fact]
    public void A_suggested_deletion_rebased_over_concurrent_typing_leaves_the_new_text_unmarked()
    {
        // Omar marks "bcde" while Rana, not having seen it, types "XY" in its middle; the server takes Rana's first.
        var start = new TrackedText("abcdef", "rana");
        var omar = start.Suggest("omar", "o-1", "omar", Noon, 1, 5, "");
        var rana = TrackedText.Edit("rana", "r-1", "rana", Noon, ChangeSet.Replace(6, 3, 3, "XY"));

        var rebased = Rebase.RebaseOneByOne([omar], [rana]).Single();
        var server = start.Clone();
        server.Apply(rana);
        server.Apply(rebased);

        Assert.Equal("abcXYdef", server.Text);
        Assert.Equal([(SuggestionKind.Deletion, "omar", 1, 3), (SuggestionKind.Deletion, "omar", 5, 7)], Shape(server));
    }

    [Fact]
    public void Suggestion_ids_come_from_the_update_so_every_replica_names_them_alike()
    {
        var one = new TrackedText("ab", "rana");
        var two = one.Clone();
        var update = one.Suggest("omar", "omar-7", "omar", Noon, 1, 1, "x");
        one.Apply(update);
        two.Apply(update);

        Assert.Equal("omar-7.0", one.Suggestions.Single().Id);
        Assert.Equal(one.Suggestions, two.Suggestions);
    }
}
