using System.Collections.Concurrent;
using Newsroom.Domain.Collab;

namespace Newsroom.Testing;

/// <summary>
/// One version of a shared text and the way to the next: every client of a text takes in the same accepted updates in
/// the same order, so the version after this one is the same text for all of them, and the first to need it makes it
/// for the rest. The load tool's hundreds of editors in one story each applied every update to a copy of their own,
/// and moving those copies' gaps was a fifth of its CPU (ADR-031).
/// </summary>
public sealed class TextVersion
{
    private readonly TextVersions? _chain;
    private TextVersion? _next;

    private TextVersion(int number, PersistentText text, TextVersions? chain)
    {
        Number = number;
        Text = text;
        _chain = chain;
    }

    public int Number { get; }

    public PersistentText Text { get; }

    /// <summary>A version of a text no other client shares.</summary>
    public static TextVersion Alone(int number, string text) => new(number, PersistentText.Of(text), null);

    internal static TextVersion Start(int number, string text, TextVersions chain) => new(number, PersistentText.Of(text), chain);

    /// <summary>The version <paramref name="update"/>, the text's next accepted update, makes of this one.</summary>
    public TextVersion Next(Update update)
    {
        if (Volatile.Read(ref _next) is { } next)
        {
            return next;
        }

        var editing = new PersistentText.Editing(Text);
        update.Changes.ApplyTo(editing);
        var made = new TextVersion(Number + 1, editing.Text, _chain);
        if (Interlocked.CompareExchange(ref _next, made, null) is { } first)
        {
            return first;
        }

        _chain?.Reached(made);
        return made;
    }
}

/// <summary>Where this process's clients of one story's field join its chain of <see cref="TextVersion"/>s.</summary>
/// <remarks>
/// A version links only to the next, and only its clients hold it, so the chain keeps what lies between the slowest
/// client and the newest version. The registry holds a chain weakly; its versions hold it, so it goes with its last
/// client.
/// </remarks>
public sealed class TextVersions
{
    private static readonly ConcurrentDictionary<(Guid StoryId, string Field), WeakReference<TextVersions>> Texts = new();

    private TextVersion? _newest;

    /// <summary>The chain of a story's field shared by this process's clients of it.</summary>
    public static TextVersions Of(Guid storyId, string field)
    {
        while (true)
        {
            var held = Texts.GetOrAdd((storyId, field), _ => new WeakReference<TextVersions>(new TextVersions()));
            if (held.TryGetTarget(out var versions))
            {
                return versions;
            }

            var fresh = new TextVersions();
            if (Texts.TryUpdate((storyId, field), new WeakReference<TextVersions>(fresh), held))
            {
                return fresh;
            }
        }
    }

    /// <summary>
    /// Version <paramref name="number"/>, whose text the server gave as <paramref name="text"/>: the newest version
    /// of the chain if it is that one (clients joining together, before anyone types), or the start of a new one.
    /// </summary>
    public TextVersion Start(int number, string text)
    {
        if (Volatile.Read(ref _newest) is { } newest && newest.Number == number)
        {
            return newest;
        }

        var start = TextVersion.Start(number, text, this);
        Reached(start);
        return start;
    }

    internal void Reached(TextVersion version) => Volatile.Write(ref _newest, version);
}
