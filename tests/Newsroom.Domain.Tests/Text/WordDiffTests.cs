using Newsroom.Domain.Collab;
using Newsroom.Domain.Text;

namespace Newsroom.Domain.Tests.Text;

public sealed class WordDiffTests
{
    [Fact]
    public void Identical_texts_have_one_unchanged_segment_and_no_counts()
    {
        var diff = WordDiff.Compare("same words", "same words");

        Assert.Equal([new DiffSegment(DiffKind.Unchanged, "same words")], diff.Segments);
        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void A_rewritten_phrase_shows_as_one_deletion_and_one_insertion()
    {
        var diff = WordDiff.Compare("The mayor said no today.", "The mayor flatly refused today.");

        Assert.Equal(
            [
                new DiffSegment(DiffKind.Unchanged, "The mayor "),
                new DiffSegment(DiffKind.Deleted, "said no"),
                new DiffSegment(DiffKind.Inserted, "flatly refused"),
                new DiffSegment(DiffKind.Unchanged, " today."),
            ],
            diff.Segments);
        Assert.Equal((2, 2), (diff.WordsAdded, diff.WordsRemoved));
    }

    [Fact]
    public void Both_sides_can_be_rebuilt_from_the_segments()
    {
        const string before = "قال رئيس البلدية إن المشروع سينتهي في الربيع.";
        const string after = "أكد رئيس البلدية أن المشروع سينتهي قبل الصيف، وفق الخطة.";

        var diff = WordDiff.Compare(before, after);

        Assert.Equal(before, string.Concat(diff.Segments.Where(s => s.Kind != DiffKind.Inserted).Select(s => s.Text)));
        Assert.Equal(after, string.Concat(diff.Segments.Where(s => s.Kind != DiffKind.Deleted).Select(s => s.Text)));
    }

    [Fact]
    public void An_insertion_is_split_where_its_writer_changes_and_nothing_is_attributed_when_the_runs_do_not_fit()
    {
        // "The mayor " by a, "flatly ref" by b, "used" by c, " today." by a.
        var diff = WordDiff.Compare("The mayor said no today.", "The mayor flatly refused today.");
        IReadOnlyList<Run<string>> runs = [new(10, "a"), new(10, "b"), new(4, "c"), new(7, "a")];

        Assert.Equal(
            [
                new DiffSegment(DiffKind.Unchanged, "The mayor "),
                new DiffSegment(DiffKind.Deleted, "said no"),
                new DiffSegment(DiffKind.Inserted, "flatly ref", "b"),
                new DiffSegment(DiffKind.Inserted, "used", "c"),
                new DiffSegment(DiffKind.Unchanged, " today."),
            ],
            diff.AttributedTo(runs).Segments);
        Assert.Equal(diff.Segments, diff.AttributedTo([new(30, "a")]).Segments);
        Assert.Equal(diff.Segments, diff.AttributedTo(null).Segments);
    }
}
