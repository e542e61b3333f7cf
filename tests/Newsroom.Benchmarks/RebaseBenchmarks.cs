using BenchmarkDotNet.Attributes;
using Newsroom.Domain.Collab;

namespace Newsroom.Benchmarks;

/// <summary>
/// What a push costs the server by how far behind it was made: <see cref="Rebase.RebaseOneByOne"/> of a push of
/// <see cref="Pushed"/> keystrokes over <see cref="Behind"/> keystrokes accepted since, typed by others anywhere in a
/// news story's text or in the same sentence as the push (where pairs touch and the generic maps decide).
/// </summary>
[MemoryDiagnoser]
public class RebaseBenchmarks
{
    private const int StoryLength = 6_000;

    private List<Update> _push = [];
    private List<Update> _accepted = [];

    [Params(1, 40)]
    public int Pushed { get; set; }

    [Params(100, 2_000)]
    public int Behind { get; set; }

    [Params(false, true)]
    public bool SameSentence { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(41);
        var caret = StoryLength / 2;
        _push = Typing(random, "me", StoryLength, Pushed, () => caret++);
        var near = StoryLength / 2;
        _accepted = Typing(random, "other", StoryLength, Behind,
            () => SameSentence ? near + random.Next(-40, 41) : random.Next(0, StoryLength));
        if (Rebase.RebaseOneByOne(_push, _accepted).Count != Pushed)
        {
            throw new InvalidOperationException("A rebased push lost a keystroke.");
        }
    }

    [Benchmark]
    public int RebaseOneByOne() => Rebase.RebaseOneByOne(_push, _accepted).Count;

    // Keystrokes, now and then a backspace, at the places given, in a text that grows as they are typed.
    private static List<Update> Typing(Random random, string client, int length, int count, Func<int> at)
    {
        var typed = new List<Update>(count);
        for (var n = 0; n < count; n++)
        {
            var from = Math.Clamp(at(), 1, length);
            var change = random.Next(8) == 0 ? ChangeSet.Replace(length, from - 1, from, "") : ChangeSet.Replace(length, from, from, "ب");
            typed.Add(new Update(client == "me" ? client : $"{client}-{n % 7}", change));
            length = change.NewLength;
        }

        return typed;
    }
}
