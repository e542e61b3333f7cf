namespace Newsroom.Domain.Collab;

/// <summary>
/// CodeMirror's <c>mapSet</c>, <c>composeSets</c>, <c>addSection</c>, <c>addInsert</c> and <c>SectionIter</c>,
/// ported statement for statement from @codemirror/state 6.x so that positions agree to the code unit.
/// </summary>
internal static class ChangeAlgebra
{
    public static void AddSection(List<int> sections, int len, int ins, bool forceJoin = false)
    {
        if (len == 0 && ins <= 0)
        {
            return;
        }

        var last = sections.Count - 2;
        if (last >= 0 && ins <= 0 && ins == sections[last + 1])
        {
            sections[last] += len;
        }
        else if (last >= 0 && len == 0 && sections[last] == 0)
        {
            sections[last + 1] += ins;
        }
        else if (forceJoin)
        {
            sections[last] += len;
            sections[last + 1] += ins;
        }
        else
        {
            sections.Add(len);
            sections.Add(ins);
        }
    }

    public static void AddInsert(List<string> values, List<int> sections, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        var index = (sections.Count - 2) >> 1;
        if (index < values.Count)
        {
            values[^1] += value;
        }
        else
        {
            while (values.Count < index)
            {
                values.Add("");
            }

            values.Add(value);
        }
    }

    /// <summary>A copy of <paramref name="setA"/> that applies after <paramref name="setB"/> (both from the same document).</summary>
    public static ChangeDesc Map(ChangeDesc setA, ChangeDesc setB, bool before, bool makeSet) =>
        MapApart(setA, setB, makeSet) ?? MapSections(setA, setB, before, makeSet);

    /// <summary>
    /// The fast path for what keystrokes are: one changed range in each, with unchanged text between them. The range
    /// of <paramref name="setA"/> keeps its place (before B) or moves by B's change in length (after B). Null for
    /// anything else (several ranges, touching or overlapping ranges, where the order of ties matters), which
    /// <see cref="MapSections"/> maps. The sections are built with the same <see cref="AddSection"/> and
    /// <see cref="AddInsert"/>, so the result is the generic one exactly (ChangeAlgebraFastPathTests).
    /// </summary>
    internal static ChangeDesc? MapApart(ChangeDesc setA, ChangeDesc setB, bool makeSet)
    {
        if (!TrySingle(setA.Sections, out var fromA, out var toA, out var insA, out var lengthA, out var indexA)
            || !TrySingle(setB.Sections, out var fromB, out var toB, out var insB, out var lengthB, out _)
            || lengthA != lengthB)
        {
            return null;
        }

        int shift;
        if (toA < fromB)
        {
            shift = 0;
        }
        else if (toB < fromA)
        {
            shift = insB - (toB - fromB);
        }
        else
        {
            return null;
        }

        var newLength = lengthB + insB - (toB - fromB);
        var (sections, insert) = Scratch(makeSet);
        AddSection(sections, fromA + shift, -1);
        AddSection(sections, toA - fromA, insA);
        if (insert is not null)
        {
            AddInsert(insert, sections, ((ChangeSet)setA).TextAt(indexA));
        }

        AddSection(sections, newLength - (toA + shift), -1);
        return insert is not null ? ChangeSet.Create([.. sections], [.. insert]) : ChangeDesc.Create([.. sections]);
    }

    /// <summary>True when exactly one section changes text; its range, inserted length, the document's length and its index.</summary>
    private static bool TrySingle(int[] sections, out int from, out int to, out int ins, out int length, out int index)
    {
        (from, to, ins, length, index) = (0, 0, 0, 0, -1);
        for (var i = 0; i < sections.Length; i += 2)
        {
            var (len, inserted) = (sections[i], sections[i + 1]);
            if (inserted >= 0)
            {
                if (index >= 0)
                {
                    return false;
                }

                (from, to, ins, index) = (length, length + len, inserted, i >> 1);
            }

            length += len;
        }

        return index >= 0;
    }

    /// <summary>CodeMirror's <c>mapSet</c>, for any two change sets of one document.</summary>
    internal static ChangeDesc MapSections(ChangeDesc setA, ChangeDesc setB, bool before, bool makeSet)
    {
        var (sections, insert) = Scratch(makeSet);
        var a = new SectionIter(setA);
        var b = new SectionIter(setB);
        // For changes in A processed piece by piece: the section index whose text was already inserted.
        for (var inserted = -1; ;)
        {
            if ((a.Done && b.Len > 0) || (b.Done && a.Len > 0))
            {
                throw new InvalidOperationException("Mismatched change set lengths.");
            }
            else if (a.Ins == -1 && b.Ins == -1)
            {
                var len = Math.Min(a.Len, b.Len);
                AddSection(sections, len, -1);
                a.Forward(len);
                b.Forward(len);
            }
            else if (b.Ins >= 0 && (a.Ins < 0 || inserted == a.I || (a.Off == 0 && (b.Len < a.Len || (b.Len == a.Len && !before)))))
            {
                var len = b.Len;
                AddSection(sections, b.Ins, -1);
                while (len > 0)
                {
                    var piece = Math.Min(a.Len, len);
                    if (a.Ins >= 0 && inserted < a.I && a.Len <= piece)
                    {
                        AddSection(sections, 0, a.Ins);
                        if (insert is not null)
                        {
                            AddInsert(insert, sections, a.Text);
                        }

                        inserted = a.I;
                    }

                    a.Forward(piece);
                    len -= piece;
                }

                b.Next();
            }
            else if (a.Ins >= 0)
            {
                int len = 0, left = a.Len;
                while (left > 0)
                {
                    if (b.Ins == -1)
                    {
                        var piece = Math.Min(left, b.Len);
                        len += piece;
                        left -= piece;
                        b.Forward(piece);
                    }
                    else if (b.Ins == 0 && b.Len < left)
                    {
                        left -= b.Len;
                        b.Next();
                    }
                    else
                    {
                        break;
                    }
                }

                AddSection(sections, len, inserted < a.I ? a.Ins : 0);
                if (insert is not null && inserted < a.I)
                {
                    AddInsert(insert, sections, a.Text);
                }

                inserted = a.I;
                a.Forward(a.Len - left);
            }
            else if (a.Done && b.Done)
            {
                return insert is not null ? ChangeSet.Create([.. sections], [.. insert]) : ChangeDesc.Create([.. sections]);
            }
            else
            {
                throw new InvalidOperationException("Mismatched change set lengths.");
            }
        }
    }

    /// <summary><paramref name="setA"/> then <paramref name="setB"/> as one change.</summary>
    public static ChangeDesc Compose(ChangeDesc setA, ChangeDesc setB, bool makeSet)
    {
        var (sections, insert) = Scratch(makeSet);
        var a = new SectionIter(setA);
        var b = new SectionIter(setB);
        for (var open = false; ;)
        {
            if (a.Done && b.Done)
            {
                return insert is not null ? ChangeSet.Create([.. sections], [.. insert]) : ChangeDesc.Create([.. sections]);
            }
            else if (a.Ins == 0)
            {
                AddSection(sections, a.Len, 0, open);
                a.Next();
            }
            else if (b.Len == 0 && !b.Done)
            {
                AddSection(sections, 0, b.Ins, open);
                if (insert is not null)
                {
                    AddInsert(insert, sections, b.Text);
                }

                b.Next();
            }
            else if (a.Done || b.Done)
            {
                throw new InvalidOperationException("Mismatched change set lengths.");
            }
            else
            {
                int len = Math.Min(a.Len2, b.Len), sectionLen = sections.Count;
                if (a.Ins == -1)
                {
                    var insB = b.Ins == -1 ? -1 : b.Off > 0 ? 0 : b.Ins;
                    AddSection(sections, len, insB, open);
                    if (insert is not null && insB != 0)
                    {
                        AddInsert(insert, sections, b.Text);
                    }
                }
                else if (b.Ins == -1)
                {
                    AddSection(sections, a.Off > 0 ? 0 : a.Len, len, open);
                    if (insert is not null)
                    {
                        AddInsert(insert, sections, a.TextBit(len));
                    }
                }
                else
                {
                    AddSection(sections, a.Off > 0 ? 0 : a.Len, b.Off > 0 ? 0 : b.Ins, open);
                    if (insert is not null && b.Off == 0)
                    {
                        AddInsert(insert, sections, b.Text);
                    }
                }

                open = (a.Ins > len || (b.Ins >= 0 && b.Len > len)) && (open || sections.Count > sectionLen);
                a.Forward2(len);
                b.Forward(len);
            }
        }
    }

    // The server maps every pushed keystroke over every update accepted since its version, so Map and Compose run
    // hundreds of thousands of times a second under load: they build into one pair of lists per thread, reused (neither
    // calls the other), and the result is copied out. The algorithm is unchanged, so the generated cases still hold.
    [ThreadStatic]
    private static List<int>? _scratchSections;

    [ThreadStatic]
    private static List<string>? _scratchInsert;

    private static (List<int> Sections, List<string>? Insert) Scratch(bool makeSet)
    {
        var sections = _scratchSections ??= new List<int>(16);
        sections.Clear();
        if (!makeSet)
        {
            return (sections, null);
        }

        var insert = _scratchInsert ??= new List<string>(8);
        insert.Clear();
        return (sections, insert);
    }

    // A struct, used only as a local: two fewer allocations per map or composition.
    private struct SectionIter
    {
        private readonly ChangeDesc _set;

        public SectionIter(ChangeDesc set)
        {
            _set = set;
            I = 0;
            Next();
        }

        public int I { get; private set; }

        public int Len { get; private set; }

        public int Ins { get; private set; }

        public int Off { get; private set; }

        public bool Done => Ins == -2;

        public int Len2 => Ins < 0 ? Len : Ins;

        public string Text
        {
            get
            {
                var index = (I - 2) >> 1;
                return _set is ChangeSet changes ? changes.TextAt(index) : "";
            }
        }

        public readonly string TextBit(int len)
        {
            var index = (I - 2) >> 1;
            var text = _set is ChangeSet changes ? changes.TextAt(index) : "";
            return text.Length == 0 && len == 0 ? "" : text.Substring(Off, len);
        }

        public void Next()
        {
            var sections = _set.Sections;
            if (I < sections.Length)
            {
                Len = sections[I++];
                Ins = sections[I++];
            }
            else
            {
                Len = 0;
                Ins = -2;
            }

            Off = 0;
        }

        public void Forward(int len)
        {
            if (len == Len)
            {
                Next();
            }
            else
            {
                Len -= len;
                Off += len;
            }
        }

        public void Forward2(int len)
        {
            if (Ins == -1)
            {
                Forward(len);
            }
            else if (len == Ins)
            {
                Next();
            }
            else
            {
                Ins -= len;
                Off += len;
            }
        }
    }
}
