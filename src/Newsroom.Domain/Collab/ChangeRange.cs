namespace Newsroom.Domain.Collab;

/// <summary>
/// A change of one range, as a keystroke is: <c>[From, To)</c> of a document of <c>Length</c> code units replaced by
/// <c>Inserted</c> code units. Where two such changes are apart (neither touches the other), mapping one over the
/// other is a shift, so the rebase fast paths carry them as these numbers and make change sets only at the end.
/// </summary>
public readonly record struct ChangeRange(int From, int To, int Inserted, int Length)
{
    /// <summary>
    /// The one changed range of <paramref name="changes"/>, or a range of nothing where it changes nothing (a deletion
    /// another deleted first), which maps as nothing and moves no other; false if it changes several.
    /// </summary>
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
        return true;
    }

    /// <summary>Whether this range changes nothing (<see cref="TryOf"/>); a change of one range never does.</summary>
    public bool ChangesNothing => From == To && Inserted == 0;

    public bool IsApartFrom(ChangeRange other) => To < other.From || other.To < From;

    /// <summary>This range in the document <paramref name="other"/> (apart from it) makes.</summary>
    public ChangeRange Over(ChangeRange other)
    {
        var shift = other.To < From ? other.Inserted - (other.To - other.From) : 0;
        return new ChangeRange(From + shift, To + shift, Inserted, other.Length + other.Inserted - (other.To - other.From));
    }

    /// <summary>
    /// The generic maps for one pair that touches, as <see cref="Rebase.RebaseUpdates"/> maps each pair:
    /// <paramref name="update"/> over <paramref name="other"/>, into <paramref name="mapped"/> and its
    /// <paramref name="range"/>, and <paramref name="other"/> over the update (ties going to the update), in place.
    /// False, and <paramref name="other"/> untouched, where either comes out as several ranges: then the maps go on
    /// with change sets.
    /// </summary>
    public static bool TryMapTouching(ChangeSet update, ref ChangeRange other, out ChangeSet mapped, out ChangeRange range)
    {
        var desc = other.ToDesc();
        mapped = update.Map(desc);
        var moved = desc.MapDesc(update, before: true);
        if (!TryOf(mapped, out range) || !TryOf(moved, out var next))
        {
            return false;
        }

        other = next;
        return true;
    }

    /// <summary>This range as a change description (no text), the shape the generic maps take.</summary>
    public ChangeDesc ToDesc()
    {
        var sections = new List<int>(6);
        ChangeAlgebra.AddSection(sections, From, -1);
        if (To > From || Inserted > 0)
        {
            ChangeAlgebra.AddSection(sections, To - From, Inserted);
        }

        ChangeAlgebra.AddSection(sections, Length - To, -1);
        return ChangeDesc.Create([.. sections]);
    }

    /// <summary>The change set of this range, inserting what <paramref name="original"/> did: mapping never changes what an update inserts.</summary>
    public ChangeSet ToChangeSet(ChangeSet original) => ChangesNothing
        ? ChangeSet.Empty(Length)
        : ChangeSet.Replace(Length, From, To, original.InsertedTexts().FirstOrDefault() ?? "");
}
