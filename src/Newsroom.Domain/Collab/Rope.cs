using System.Text;

namespace Newsroom.Domain.Collab;

/// <summary>
/// An immutable text held as a balanced tree of chunks, so an edit shares everything it does not touch: applying a
/// change to a 200,000-character body costs about the size of the change, not a copy of the body.
/// </summary>
public sealed class Rope
{
    private const int LeafSize = 1024;
    private const int MaxDepth = 48;

    private readonly string? _leaf;
    private readonly Rope? _left;
    private readonly Rope? _right;

    private Rope(string leaf)
    {
        _leaf = leaf;
        Length = leaf.Length;
    }

    private Rope(Rope left, Rope right)
    {
        _left = left;
        _right = right;
        Length = left.Length + right.Length;
        Depth = Math.Max(left.Depth, right.Depth) + 1;
    }

    public static Rope Empty { get; } = new("");

    public int Length { get; }

    internal int Depth { get; }

    public static Rope From(string text) =>
        text.Length <= LeafSize
            ? new Rope(text)
            : Balanced(Enumerable.Range(0, (text.Length + LeafSize - 1) / LeafSize)
                .Select(i => new Rope(text.Substring(i * LeafSize, Math.Min(LeafSize, text.Length - (i * LeafSize)))))
                .ToList());

    public char this[int index]
    {
        get
        {
            var node = this;
            while (node._leaf is null)
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

            return node._leaf[index];
        }
    }

    /// <summary>The text from <paramref name="start"/> to <paramref name="end"/>, sharing whole chunks.</summary>
    public Rope Slice(int start, int end)
    {
        if (start <= 0 && end >= Length)
        {
            return this;
        }

        if (start >= end)
        {
            return Empty;
        }

        if (_leaf is not null)
        {
            return new Rope(_leaf[start..end]);
        }

        var split = _left!.Length;
        if (end <= split)
        {
            return _left.Slice(start, end);
        }

        return start >= split
            ? _right!.Slice(start - split, end - split)
            : Concat(_left.Slice(start, split), _right!.Slice(0, end - split));
    }

    public static Rope Concat(Rope left, Rope right)
    {
        if (left.Length == 0)
        {
            return right;
        }

        if (right.Length == 0)
        {
            return left;
        }

        // Keystrokes make tiny pieces: fold them into their neighbour rather than grow the tree a node per key.
        if (left._leaf is not null && right._leaf is not null && left.Length + right.Length <= LeafSize)
        {
            return new Rope(left._leaf + right._leaf);
        }

        if (left._leaf is null && left._right!._leaf is not null && right._leaf is not null
            && left._right.Length + right.Length <= LeafSize)
        {
            return Concat(left._left!, new Rope(left._right._leaf + right._leaf));
        }

        var joined = new Rope(left, right);
        return joined.Depth > MaxDepth ? Balanced(joined.Leaves().ToList()) : joined;
    }

    /// <summary>Builds the rope from pieces in order, as a balanced tree.</summary>
    public static Rope Join(IReadOnlyList<Rope> pieces)
    {
        if (pieces.Count == 0)
        {
            return Empty;
        }

        var level = pieces.Where(p => p.Length > 0).ToList();
        if (level.Count == 0)
        {
            return Empty;
        }

        while (level.Count > 1)
        {
            var next = new List<Rope>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? Concat(level[i], level[i + 1]) : level[i]);
            }

            level = next;
        }

        return level[0];
    }

    public override string ToString()
    {
        var text = new StringBuilder(Length);
        foreach (var leaf in Leaves())
        {
            text.Append(leaf._leaf);
        }

        return text.ToString();
    }

    private IEnumerable<Rope> Leaves()
    {
        var stack = new Stack<Rope>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node._leaf is not null)
            {
                if (node.Length > 0)
                {
                    yield return node;
                }
            }
            else
            {
                stack.Push(node._right!);
                stack.Push(node._left!);
            }
        }
    }

    private static Rope Balanced(List<Rope> leaves)
    {
        if (leaves.Count == 0)
        {
            return Empty;
        }

        while (leaves.Count > 1)
        {
            var next = new List<Rope>((leaves.Count + 1) / 2);
            for (var i = 0; i < leaves.Count; i += 2)
            {
                next.Add(i + 1 < leaves.Count ? new Rope(leaves[i], leaves[i + 1]) : leaves[i]);
            }

            leaves = next;
        }

        return leaves[0];
    }
}
