using DiffPlex;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Text;

public enum DiffKind
{
    Unchanged,
    Inserted,
    Deleted,
}

/// <summary>A run of a diff; an insertion may name its <paramref name="Writer"/> (an author id) when the newer text's authorship is known.</summary>
public sealed record DiffSegment(DiffKind Kind, string Text, string? Writer = null);

/// <summary>A word-level comparison of two texts, in reading order, with the counts a revision list shows.</summary>
public sealed record WordDiff(IReadOnlyList<DiffSegment> Segments, int WordsAdded, int WordsRemoved)
{
    public bool HasChanges => WordsAdded > 0 || WordsRemoved > 0 || Segments.Any(s => s.Kind != DiffKind.Unchanged);

    public static WordDiff Compare(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, TokenChunker.Instance);
        var segments = new List<DiffSegment>();
        int added = 0, removed = 0, oldIndex = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(segments, DiffKind.Unchanged, result.PiecesOld, oldIndex, block.DeleteStartA - oldIndex);
            removed += Add(segments, DiffKind.Deleted, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            added += Add(segments, DiffKind.Inserted, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            oldIndex = block.DeleteStartA + block.DeleteCountA;
        }

        Add(segments, DiffKind.Unchanged, result.PiecesOld, oldIndex, result.PiecesOld.Count - oldIndex);
        return new WordDiff(JoinChangeRuns(segments), added, removed);
    }

    /// <summary>
    /// The same diff with each insertion split by who wrote it, from <paramref name="authorship"/>: the newer text's
    /// runs of (length, author id). Unchanged and inserted segments are the newer text in order, so the runs line up
    /// with them; runs that do not cover that text (a revision kept without them) leave the insertions unattributed.
    /// </summary>
    public WordDiff AttributedTo(IReadOnlyList<Run<string>>? authorship)
    {
        var newLength = Segments.Where(s => s.Kind != DiffKind.Deleted).Sum(s => s.Text.Length);
        if (authorship is null || authorship.Sum(r => r.Length) != newLength)
        {
            return this;
        }

        var segments = new List<DiffSegment>(Segments.Count);
        // Segments go forward through the newer text, so one cursor over the runs serves them all.
        int run = 0, runStart = 0, pos = 0;
        foreach (var segment in Segments)
        {
            if (segment.Kind == DiffKind.Deleted)
            {
                segments.Add(segment);
                continue;
            }

            var offset = 0;
            while (offset < segment.Text.Length)
            {
                while (runStart + authorship[run].Length <= pos)
                {
                    runStart += authorship[run++].Length;
                }

                var length = Math.Min(segment.Text.Length - offset, runStart + authorship[run].Length - pos);
                if (segment.Kind == DiffKind.Inserted)
                {
                    var writer = authorship[run].Value is { Length: > 0 } id ? id : null;
                    var text = segment.Text.Substring(offset, length);
                    if (offset > 0 && segments[^1].Writer == writer)
                    {
                        segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
                    }
                    else
                    {
                        segments.Add(new DiffSegment(DiffKind.Inserted, text, writer));
                    }
                }

                offset += length;
                pos += length;
            }

            if (segment.Kind == DiffKind.Unchanged)
            {
                segments.Add(segment);
            }
        }

        return this with { Segments = segments };
    }

    /// <summary>
    /// "−اندلع +اندلعَ ␠ −حريق +حريقٌ" reads as two separate edits; an editor sees one: "−اندلع حريق +اندلعَ حريقٌ". A space
    /// left unchanged between two changes is folded into both sides, so a rewritten phrase shows as a phrase.
    /// </summary>
    private static List<DiffSegment> JoinChangeRuns(List<DiffSegment> segments)
    {
        var joined = new List<DiffSegment>(segments.Count);
        var deleted = new System.Text.StringBuilder();
        var inserted = new System.Text.StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var insideRun = deleted.Length + inserted.Length > 0;
            if (segment.Kind == DiffKind.Deleted)
            {
                deleted.Append(segment.Text);
            }
            else if (segment.Kind == DiffKind.Inserted)
            {
                inserted.Append(segment.Text);
            }
            else if (insideRun && i + 1 < segments.Count && string.IsNullOrWhiteSpace(segment.Text))
            {
                deleted.Append(segment.Text);
                inserted.Append(segment.Text);
            }
            else
            {
                Flush();
                joined.Add(segment);
            }
        }

        Flush();
        return joined;

        void Flush()
        {
            if (deleted.Length > 0)
            {
                joined.Add(new DiffSegment(DiffKind.Deleted, deleted.ToString()));
            }

            if (inserted.Length > 0)
            {
                joined.Add(new DiffSegment(DiffKind.Inserted, inserted.ToString()));
            }

            deleted.Clear();
            inserted.Clear();
        }
    }

    /// <summary>Appends the pieces as one segment (merging with a previous one of the same kind); returns the words in them.</summary>
    private static int Add(List<DiffSegment> segments, DiffKind kind, IReadOnlyList<string> pieces, int start, int count)
    {
        if (count <= 0)
        {
            return 0;
        }

        var text = string.Concat(pieces.Skip(start).Take(count));
        if (segments.Count > 0 && segments[^1].Kind == kind)
        {
            segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        }
        else
        {
            segments.Add(new DiffSegment(kind, text));
        }

        return TextMeasures.CountWords(text);
    }

    private sealed class TokenChunker : IChunker
    {
        public static readonly TokenChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text) => WordTokenizer.Tokenize(text).Select(t => t.Text).ToArray();
    }
}
