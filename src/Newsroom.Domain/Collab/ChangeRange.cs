namespace Newsroom.Domain.Collab;

/// <summary>
/// A change of one range, as a keystroke is: <c>[From, To)</c> of a document of <c>Length</c> code units replaced by
/// <c>Inserted</c> code units. Where two such changes are apart (neither touches the other), mapping one over the
/// other is a shift, so the rebase fast paths carry them as these numbers and make change sets only at the end.
/// </summary>
public readonly record struct ChangeRange(int From, int To, int Inserted, int Length)
{
    /// <summary>The one changed range of <paramref name="changes"/>; false if it changes none or several.</summary>
    public static bool TryOf(ChangeDesc changes, out ChangeRange range)
    {
        range = default;
        var sections = changes.Sections;
        int from = 0, to = 0, inserted = 0, length = 0;
        var found = false;
        for (var i = 0; i < sections.Length; i += 2)
        {
            if (sections[i + 1] >= 0)
            {
                if (found)
                {
                    return false;
                }

                (from, to, inserted, found) = (length, length + sections[i], sections[i + 1], true);
            }

            length += sections[i];
        }

        range = new ChangeRange(from, to, inserted, length);
        return found;
    }

    /// <summary>
    /// Whether each of <paramref name="ranges"/>, in turn, stays apart from <paramref name="change"/> as that moves
    /// over the ones before it: then every map between them is a shift.
    /// </summary>
    public static bool AllApart(ReadOnlySpan<ChangeRange> ranges, ChangeRange change)
    {
        foreach (var range in ranges)
        {
            if (!range.IsApartFrom(change))
            {
                return false;
            }

            change = change.Over(range);
        }

        return true;
    }

    public bool IsApartFrom(ChangeRange other) => To < other.From || other.To < From;

    /// <summary>This range in the document <paramref name="other"/> (apart from it) makes.</summary>
    public ChangeRange Over(ChangeRange other)
    {
        var shift = other.To < From ? other.Inserted - (other.To - other.From) : 0;
        return new ChangeRange(From + shift, To + shift, Inserted, other.Length + other.Inserted - (other.To - other.From));
    }

    /// <summary>The change set of this range, inserting what <paramref name="original"/> did: mapping never changes what an update inserts.</summary>
    public ChangeSet ToChangeSet(ChangeSet original) =>
        ChangeSet.Replace(Length, From, To, original.InsertedTexts().FirstOrDefault() ?? "");
}
