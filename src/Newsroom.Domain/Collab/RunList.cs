namespace Newsroom.Domain.Collab;

/// <summary>Makes run lists (static members live here, not on the generic type).</summary>
public static class RunList
{
    public static RunList<T> Of<T>(int length, T value) => new(length > 0 ? [new Run<T>(length, value)] : []);

    public static RunList<T> FromValues<T>(IReadOnlyList<T> values)
    {
        var builder = new RunList<T>.Builder();
        foreach (var value in values)
        {
            builder.Add(1, value);
        }

        return builder.Build();
    }
}

/// <summary><paramref name="Length"/> code units that all carry <paramref name="Value"/>.</summary>
public readonly record struct Run<T>(int Length, T Value);

/// <summary>
/// A value for every code unit of a text, kept as runs of equal values (a paragraph typed by one person is one run),
/// and moved through a change the way comment anchors are: kept text keeps its values, deleted text loses them,
/// inserted text takes the value given for it.
/// </summary>
public sealed class RunList<T>
{
    private readonly Run<T>[] _runs;

    internal RunList(Run<T>[] runs)
    {
        _runs = runs;
        Length = runs.Sum(r => r.Length);
    }

    public IReadOnlyList<Run<T>> Runs => _runs;

    public int Length { get; }

    public T[] ToValues()
    {
        var values = new T[Length];
        var pos = 0;
        foreach (var run in _runs)
        {
            Array.Fill(values, run.Value, pos, run.Length);
            pos += run.Length;
        }

        return values;
    }

    /// <summary>The values after <paramref name="changes"/>, with <paramref name="inserted"/> on every inserted code unit.</summary>
    public RunList<T> Map(ChangeSet changes, T inserted)
    {
        if (changes.Length != Length)
        {
            throw new ArgumentException($"Mapping values of {Length} code units through a change of length {changes.Length}.", nameof(changes));
        }

        if (_runs.Length == 0 || (_runs.Length == 1 && EqualityComparer<T>.Default.Equals(_runs[0].Value, inserted)))
        {
            // One person typing into their own text, the usual case: whatever changes, it stays one run.
            return RunList.Of(changes.NewLength, inserted);
        }

        var builder = new Builder();
        int run = 0, offset = 0;

        // Walks the runs alongside the sections: a kept span copies the runs under it, a changed one skips them.
        void Take(int len, bool keep)
        {
            while (len > 0)
            {
                var take = Math.Min(len, _runs[run].Length - offset);
                if (keep)
                {
                    builder.Add(take, _runs[run].Value);
                }

                len -= take;
                offset += take;
                if (offset == _runs[run].Length)
                {
                    run++;
                    offset = 0;
                }
            }
        }

        var sections = changes.Sections;
        for (var i = 0; i < sections.Length; i += 2)
        {
            int len = sections[i], ins = sections[i + 1];
            Take(len, keep: ins < 0);
            if (ins > 0)
            {
                builder.Add(ins, inserted);
            }
        }

        return builder.Build();
    }

    internal sealed class Builder
    {
        private readonly List<Run<T>> _runs = [];

        public void Add(int length, T value)
        {
            if (length == 0)
            {
                return;
            }

            if (_runs.Count > 0 && EqualityComparer<T>.Default.Equals(_runs[^1].Value, value))
            {
                _runs[^1] = _runs[^1] with { Length = _runs[^1].Length + length };
            }
            else
            {
                _runs.Add(new Run<T>(length, value));
            }
        }

        public RunList<T> Build() => new([.. _runs]);
    }
}
