namespace Newsroom.Domain.Collab;

public enum MapMode
{
    /// <summary>Map a position to a valid new position, even when its context was deleted.</summary>
    Simple,

    /// <summary>Return null if deletion happens across the position.</summary>
    TrackDel,

    /// <summary>Return null if the character before the position is deleted.</summary>
    TrackBefore,

    /// <summary>Return null if the character after the position is deleted.</summary>
    TrackAfter,
}

/// <summary>
/// A port of CodeMirror's <c>ChangeDesc</c> (@codemirror/state 6.x): the shape of a change without its inserted
/// text. Positions and lengths are UTF-16 code units, as in the browser.
/// </summary>
/// <remarks>
/// Sections are pairs of integers: the length in the old document, and -1 for an unchanged span or the length of
/// the replacement otherwise. The algorithms below follow the JavaScript line for line, because the server and every
/// browser must agree on every mapped position; <c>tests/Newsroom.Domain.Tests/Collab</c> replays cases generated
/// with the real library to prove it.
/// </remarks>
public class ChangeDesc
{
    private protected ChangeDesc(int[] sections) => Sections = sections;

    internal int[] Sections { get; }

    /// <summary>The length of the document before the change.</summary>
    public int Length
    {
        get
        {
            var result = 0;
            for (var i = 0; i < Sections.Length; i += 2)
            {
                result += Sections[i];
            }

            return result;
        }
    }

    /// <summary>The length of the document after the change.</summary>
    public int NewLength
    {
        get
        {
            var result = 0;
            for (var i = 0; i < Sections.Length; i += 2)
            {
                var ins = Sections[i + 1];
                result += ins < 0 ? Sections[i] : ins;
            }

            return result;
        }
    }

    /// <summary>False when there are actual changes.</summary>
    public bool IsEmpty => Sections.Length == 0 || (Sections.Length == 2 && Sections[1] < 0);

    public ChangeDesc ComposeDesc(ChangeDesc other) => IsEmpty ? other : other.IsEmpty ? this : ChangeAlgebra.Compose(this, other, makeSet: false);

    public ChangeDesc MapDesc(ChangeDesc other, bool before = false) => other.IsEmpty ? this : ChangeAlgebra.Map(this, other, before, makeSet: false);

    /// <summary>Where <paramref name="pos"/> ends up after this change; null when <paramref name="mode"/> says it was deleted.</summary>
    public int? MapPos(int pos, int assoc = -1, MapMode mode = MapMode.Simple)
    {
        int posA = 0, posB = 0;
        for (var i = 0; i < Sections.Length;)
        {
            int len = Sections[i++], ins = Sections[i++], endA = posA + len;
            if (ins < 0)
            {
                if (endA > pos)
                {
                    return posB + (pos - posA);
                }

                posB += len;
            }
            else
            {
                if (mode != MapMode.Simple && endA >= pos &&
                    ((mode == MapMode.TrackDel && posA < pos && endA > pos) ||
                     (mode == MapMode.TrackBefore && posA < pos) ||
                     (mode == MapMode.TrackAfter && endA > pos)))
                {
                    return null;
                }

                if (endA > pos || (endA == pos && assoc < 0 && len == 0))
                {
                    return pos == posA || assoc < 0 ? posB : posB + ins;
                }

                posB += ins;
            }

            posA = endA;
        }

        if (pos > posA)
        {
            throw new ArgumentOutOfRangeException(nameof(pos), $"Position {pos} is out of range for a change of length {posA}.");
        }

        return posB;
    }

    public override string ToString() =>
        string.Join(' ', Enumerable.Range(0, Sections.Length / 2)
            .Select(i => Sections[2 * i] + (Sections[(2 * i) + 1] >= 0 ? ":" + Sections[(2 * i) + 1] : "")));

    internal static ChangeDesc Create(int[] sections) => new(sections);
}
