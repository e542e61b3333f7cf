namespace Newsroom.Domain.Collab;

/// <summary>A range of code units, <c>[From, To)</c>.</summary>
public readonly record struct TextRange(int From, int To)
{
    public int Length => To - From;

    /// <summary>
    /// Where the code units of <paramref name="ranges"/> are after <paramref name="changes"/>: deleted ones drop out,
    /// and text inserted inside a range is left out of it (the range splits around it), so a mark set on these code
    /// units never lands on text someone else typed meanwhile.
    /// </summary>
    public static IReadOnlyList<TextRange> MapKept(IReadOnlyList<TextRange> ranges, ChangeDesc changes)
    {
        if (ranges.Count == 0 || changes.IsEmpty)
        {
            return ranges;
        }

        var result = new List<TextRange>();
        foreach (var range in ranges)
        {
            int posA = 0, posB = 0;
            var sections = changes.Sections;
            for (var i = 0; i < sections.Length && posA < range.To; i += 2)
            {
                int len = sections[i], ins = sections[i + 1];
                if (ins < 0)
                {
                    int from = Math.Max(posA, range.From), to = Math.Min(posA + len, range.To);
                    if (to > from)
                    {
                        Add(result, new TextRange(posB + (from - posA), posB + (to - posA)));
                    }

                    posB += len;
                }
                else
                {
                    posB += ins;
                }

                posA += len;
            }
        }

        return result;
    }

    private static void Add(List<TextRange> ranges, TextRange range)
    {
        if (ranges.Count > 0 && ranges[^1].To == range.From)
        {
            ranges[^1] = ranges[^1] with { To = range.To };
        }
        else
        {
            ranges.Add(range);
        }
    }
}

/// <summary>Accepting or rejecting one suggestion.</summary>
public sealed record Decision(string SuggestionId, bool Accept);

/// <summary>
/// What an update means beyond its text change: who made it and when, whether it was made in suggest mode, and
/// which code units it marks as suggested deletions (after its own change: <see cref="Deletions"/> are positions in
/// the text the update leaves) or which suggestion it decides, or (<see cref="NoteFor"/>) whose note it sets to
/// <see cref="Note"/>, changing no text. <c>UpdateId</c> is unique per update (the client id
/// and a counter); new suggestions are named after it, so every replica names them alike.
/// </summary>
public sealed record Tracking(
    string UpdateId,
    string AuthorId,
    DateTimeOffset At,
    bool Suggest = false,
    string? Note = null,
    IReadOnlyList<TextRange>? Deletions = null,
    Decision? Decision = null,
    string? NoteFor = null)
{
    /// <summary>
    /// This tracking once its update has been moved over <paramref name="other"/>, given as the other change seen
    /// after this update (<c>other.MapDesc(update.Changes, before: true)</c>, which the rebase computes anyway).
    /// </summary>
    public Tracking MapOver(ChangeDesc other) =>
        Deletions is null or { Count: 0 } ? this : this with { Deletions = TextRange.MapKept(Deletions, other) };
}
