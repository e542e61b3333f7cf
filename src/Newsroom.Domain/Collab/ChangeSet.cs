using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Newsroom.Domain.Collab;

/// <summary>
/// A port of CodeMirror's <c>ChangeSet</c>: a group of changes to a document of a known length, with the inserted
/// text. Its JSON is exactly <c>ChangeSet.toJSON()</c>: a number for an unchanged span, <c>[deleted]</c> for a
/// deletion, <c>[deleted, line, line…]</c> for a replacement whose text is those lines joined by "\n".
/// </summary>
[JsonConverter(typeof(ChangeSetJsonConverter))]
public sealed class ChangeSet : ChangeDesc
{
    private ChangeSet(int[] sections, string[] inserted)
        : base(sections) => Inserted = inserted;

    /// <summary>Inserted text by section index; shorter than the sections when trailing ones insert nothing.</summary>
    internal string[] Inserted { get; }

    public static ChangeSet Empty(int length) => new(length > 0 ? [length, -1] : [], []);

    /// <summary>One replacement of <c>[from, to)</c> by <paramref name="insert"/> in a document of <paramref name="length"/>.</summary>
    public static ChangeSet Replace(int length, int from, int to, string insert)
    {
        if (from < 0 || to < from || to > length)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"Invalid change range {from} to {to} (in doc of length {length}).");
        }

        var sections = new List<int>();
        var inserted = new List<string>();
        ChangeAlgebra.AddSection(sections, from, -1);
        if (to > from || insert.Length > 0)
        {
            ChangeAlgebra.AddSection(sections, to - from, insert.Length);
            ChangeAlgebra.AddInsert(inserted, sections, insert);
        }

        ChangeAlgebra.AddSection(sections, length - to, -1);
        return new ChangeSet([.. sections], [.. inserted]);
    }

    /// <summary>Applies the changes to a document of exactly <see cref="ChangeDesc.Length"/> code units.</summary>
    public string Apply(string doc)
    {
        if (Length != doc.Length)
        {
            throw new ArgumentException($"Applying a change of length {Length} to a document of length {doc.Length}.", nameof(doc));
        }

        var result = new StringBuilder(NewLength);
        var pos = 0;
        for (var i = 0; i < Sections.Length; i += 2)
        {
            int len = Sections[i], ins = Sections[i + 1];
            if (ins < 0)
            {
                result.Append(doc, pos, len);
            }
            else if (ins > 0)
            {
                result.Append(TextAt(i >> 1));
            }

            pos += len;
        }

        return result.ToString();
    }

    /// <summary>Applies the changes to a text in place.</summary>
    /// <remarks>The changed ranges go from the last to the first, so each is still where the original text had it.</remarks>
    public void ApplyTo(IEditableText text)
    {
        if (Length != text.Length)
        {
            throw new ArgumentException($"Applying a change of length {Length} to a document of length {text.Length}.", nameof(text));
        }

        var end = Length;
        for (var i = Sections.Length - 2; i >= 0; i -= 2)
        {
            int len = Sections[i], ins = Sections[i + 1];
            var start = end - len;
            if (ins >= 0)
            {
                text.Replace(start, end, ins > 0 ? TextAt(i >> 1) : "");
            }

            end = start;
        }
    }

    /// <summary>This change, then <paramref name="other"/>, as one change.</summary>
    public ChangeSet Compose(ChangeSet other) =>
        IsEmpty ? other : other.IsEmpty ? this : (ChangeSet)ChangeAlgebra.Compose(this, other, makeSet: true);

    /// <summary>
    /// This change, moved to apply after <paramref name="other"/> (both starting from the same document). With
    /// <paramref name="before"/> true, ties are ordered as if this change came first.
    /// </summary>
    public ChangeSet Map(ChangeDesc other, bool before = false) =>
        other.IsEmpty ? this : (ChangeSet)ChangeAlgebra.Map(this, other, before, makeSet: true);

    /// <summary>The inserted text of every changed range in order, for checks such as lone surrogates.</summary>
    public IEnumerable<string> InsertedTexts() => Inserted.Where(t => t.Length > 0);

    /// <summary>
    /// Writes exactly what CodeMirror's <c>ChangeSet.toJSON()</c> gives, straight to <paramref name="writer"/> (the
    /// serializer's way for a change set, <see cref="ChangeSetJsonConverter"/>): every broadcast and every logged
    /// update writes one.
    /// </summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        for (var i = 0; i < Sections.Length; i += 2)
        {
            int len = Sections[i], ins = Sections[i + 1];
            if (ins < 0)
            {
                writer.WriteNumberValue(len);
                continue;
            }

            writer.WriteStartArray();
            writer.WriteNumberValue(len);
            if (ins > 0)
            {
                var text = TextAt(i >> 1).AsSpan();
                foreach (var line in text.Split('\n'))
                {
                    writer.WriteStringValue(text[line]);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    public string ToJsonString() => JsonSerializer.Serialize(this);

    /// <summary>No shared text is longer; lengths beyond it are refused before any arithmetic can overflow.</summary>
    public const int MaxDocumentLength = 1_000_000;

    /// <summary>Reads <c>ChangeSet.toJSON()</c> output, refusing anything else with a message that says what was wrong.</summary>
    public static ChangeSet FromJson(JsonElement json)
    {
        long before = 0, after = 0;
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("A change set must be a JSON array (ChangeSet.toJSON()).");
        }

        var sections = new List<int>();
        var inserted = new List<string>();
        var i = 0;
        foreach (var part in json.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Number)
            {
                var kept = ReadLength(part);
                sections.Add(kept);
                sections.Add(-1);
                before += kept;
                after += kept;
            }
            else if (part.ValueKind == JsonValueKind.Array && part.GetArrayLength() > 0
                     && part[0].ValueKind == JsonValueKind.Number
                     && part.EnumerateArray().Skip(1).All(e => e.ValueKind == JsonValueKind.String))
            {
                var deleted = ReadLength(part[0]);
                before += deleted;
                if (part.GetArrayLength() == 1)
                {
                    sections.Add(deleted);
                    sections.Add(0);
                }
                else
                {
                    while (inserted.Count < i)
                    {
                        inserted.Add("");
                    }

                    var text = string.Join('\n', part.EnumerateArray().Skip(1).Select(e => e.GetString()));
                    inserted.Add(text);
                    sections.Add(deleted);
                    sections.Add(text.Length);
                    after += text.Length;
                }
            }
            else
            {
                throw new FormatException($"Part {i} of the change set is neither a length nor [length, ...lines].");
            }

            i++;
            if (before > MaxDocumentLength || after > MaxDocumentLength)
            {
                throw new FormatException($"The change set describes a text longer than {MaxDocumentLength:N0} characters.");
            }
        }

        return new ChangeSet([.. sections], [.. inserted]);
    }

    internal string TextAt(int index) => index < Inserted.Length ? Inserted[index] : "";

    internal static ChangeSet Create(int[] sections, string[] inserted) => new(sections, inserted);

    private static int ReadLength(JsonElement number) =>
        number.TryGetInt32(out var value) && value >= 0
            ? value
            : throw new FormatException($"'{number.GetRawText()}' is not a valid length.");
}
