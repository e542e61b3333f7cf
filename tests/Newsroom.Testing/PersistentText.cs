using System.Text;

namespace Newsroom.Testing;

/// <summary>
/// An immutable text that shares all but the changed path with the text it was made from (a persistent rope of
/// chunks): each version of a shared text costs a chunk and the path to it, so the load tool's hundreds of clients of
/// one text hold its versions once between them instead of a copy each (<see cref="TextVersions"/>, ADR-031).
/// </summary>
/// <remarks>
/// The server keeps its one copy of a text in a gap buffer (ADR-007), which allocates nothing per keystroke; what
/// this buys is sharing, which a gap buffer cannot give. Chunks split in two past <see cref="MaxChunk"/>, so the tree
/// deepens only where the text grows.
/// </remarks>
public sealed class PersistentText
{
    private const int MaxChunk = 1024;

    private readonly string? _chunk;
    private readonly PersistentText? _left;
    private readonly PersistentText? _right;

    private PersistentText(string chunk)
    {
        _chunk = chunk;
        Length = chunk.Length;
    }

    private PersistentText(PersistentText left, PersistentText right)
    {
        _left = left;
        _right = right;
        Length = left.Length + right.Length;
    }

    public static PersistentText Empty { get; } = new("");

    public int Length { get; }

    public static PersistentText Of(string text) => Of(text, 0, text.Length);

    private static PersistentText Of(string text, int from, int to)
    {
        if (to - from <= MaxChunk)
        {
            return new PersistentText(text[from..to]);
        }

        var middle = from + ((to - from) / 2);
        return new PersistentText(Of(text, from, middle), Of(text, middle, to));
    }

    public char this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
            var node = this;
            while (node._chunk is null)
            {
                if (index < node._left!.Length)
                {
                    node = node._left;
                }
                else
                {
                    index -= node._left.Length;
                    node = node._right!;
                }
            }

            return node._chunk[index];
        }
    }

    /// <summary>This text with <c>[from, to)</c> replaced by <paramref name="insert"/>; this one is unchanged.</summary>
    public PersistentText Replace(int from, int to, ReadOnlySpan<char> insert)
    {
        if (from < 0 || to < from || to > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"Invalid range {from} to {to} in a text of length {Length}.");
        }

        return from == to && insert.IsEmpty ? this : ReplaceWithin(from, to, insert);
    }

    private PersistentText ReplaceWithin(int from, int to, ReadOnlySpan<char> insert)
    {
        if (_chunk is not null)
        {
            var chunk = string.Concat(_chunk.AsSpan(0, from), insert, _chunk.AsSpan(to));
            return chunk.Length <= MaxChunk ? new PersistentText(chunk) : Of(chunk);
        }

        var split = _left!.Length;
        if (to <= split)
        {
            return Join(_left.ReplaceWithin(from, to, insert), _right!);
        }

        if (from >= split)
        {
            return Join(_left, _right!.ReplaceWithin(from - split, to - split, insert));
        }

        // Across the two halves: the inserted text goes at the end of the left one.
        return Join(_left.ReplaceWithin(from, split, insert), _right!.ReplaceWithin(0, to - split, []));
    }

    private static PersistentText Join(PersistentText left, PersistentText right) =>
        left.Length == 0 ? right : right.Length == 0 ? left : new PersistentText(left, right);

    public override string ToString()
    {
        var text = new StringBuilder(Length);
        Append(text);
        return text.ToString();
    }

    private void Append(StringBuilder text)
    {
        if (_chunk is not null)
        {
            text.Append(_chunk);
            return;
        }

        _left!.Append(text);
        _right!.Append(text);
    }

    /// <summary>A holder to apply a change set to (<see cref="Newsroom.Domain.Collab.ChangeSet.ApplyTo"/>), each replacement making a new version.</summary>
    public sealed class Editing(PersistentText text) : Newsroom.Domain.Collab.IEditableText
    {
        public PersistentText Text { get; private set; } = text;

        public int Length => Text.Length;

        public void Replace(int from, int to, ReadOnlySpan<char> insert) => Text = Text.Replace(from, to, insert);
    }
}
