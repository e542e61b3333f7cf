using System.Runtime.InteropServices;
using Newsroom.Domain.Collab;

namespace Newsroom.Testing;

/// <summary>
/// A port of @codemirror/collab's client side (<c>receiveUpdates</c>, <c>sendableUpdates</c>): a local copy of the
/// text, the version it is synced to, and the local updates not yet confirmed. The tests and the load tool type
/// through this exactly as a browser would.
/// </summary>
public sealed class CollabClient(string clientId, int version, string doc)
{
    private readonly TextBuffer _text = new(doc);

    public string ClientId { get; } = clientId;

    public int Version { get; private set; } = version;

    public string Doc => _text.ToString();

    public int Length => _text.Length;

    /// <summary>The local text where it lies, to read without copying it.</summary>
    public LocalText Text => new(_text);

    /// <summary>
    /// The local updates the server has not confirmed, in order. Their change sets are made again here for the ranges
    /// that moved since they were last read: between reads (a push), only numbers move.
    /// </summary>
    public IReadOnlyList<Update> Unconfirmed
    {
        get
        {
            var held = CollectionsMarshal.AsSpan(_held);
            for (var i = 0; i < held.Length; i++)
            {
                if (held[i].Moved)
                {
                    held[i] = held[i] with { Update = held[i].Update with { Changes = _ranges[i].ToChangeSet(held[i].Update.Changes) }, Moved = false };
                }
            }

            return [.. _held.Select(h => h.Update)];
        }
    }

    public int UnconfirmedCount => _held.Count;

    // Beside each unconfirmed update: its one changed range while it is a plain keystroke (no tracking), and whether
    // that range moved since its change set was made. A client among hundreds of writers keeps its own keystrokes
    // here as they wait, and mapping them over every arriving keystroke as change sets was most of a load
    // generator's CPU (its profile at 500 editors in one story), growing with how far behind it was.
    private readonly List<Held> _held = [];
    private readonly List<ChangeRange> _ranges = [];
    private int _irregular;

    /// <summary>A local edit; <paramref name="tracking"/> for one made in suggest mode (which may mark text without changing it).</summary>
    public void Edit(ChangeSet changes, Tracking? tracking = null)
    {
        if (changes.IsEmpty && tracking is null)
        {
            return;
        }

        changes.ApplyTo(_text);
        Hold(new Update(ClientId, changes, tracking));
    }

    /// <summary>
    /// Takes in updates the server accepted, confirming ours by client id and rebasing the rest, one update at a
    /// time as the server rebases pushes (<see cref="Rebase.ReceiveOneByOne"/>; the editor does the same).
    /// </summary>
    public void Receive(IReadOnlyList<Update> updates)
    {
        Version += updates.Count;
        foreach (var update in updates)
        {
            if (_held.Count > 0 && _held[0].Update.ClientId == update.ClientId)
            {
                // Ours, coming back: only counted off (ReceiveUpdates maps nothing for it).
                Release();
            }
            else if (_held.Count == 0)
            {
                // Nothing of ours in flight: the text is the server's, so the update applies as it is, in place.
                update.Changes.ApplyTo(_text);
            }
            else if (!ReceiveApart(update))
            {
                // Rebase.ReceiveUpdates one update at a time, applying each update's share as it comes instead of
                // composing them into one change the length of the whole text.
                var received = Rebase.ReceiveUpdates(Unconfirmed, [update]);
                while (_held.Count > 0)
                {
                    Release();
                }

                foreach (var held in received.Unconfirmed)
                {
                    Hold(held);
                }

                received.Changes?.ApplyTo(_text);
            }
        }
    }

    /// <summary>
    /// <see cref="Rebase.ReceiveUpdates"/>'s fast path, in place: another's keystroke apart from each of ours as it
    /// moves over them shifts them, and lands shifted; false where the generic maps must decide.
    /// </summary>
    private bool ReceiveApart(Update update)
    {
        var ranges = CollectionsMarshal.AsSpan(_ranges);
        if (_irregular > 0 || !ChangeRange.TryOf(update.Changes, out var change) || !ChangeRange.AllApart(ranges, change))
        {
            return false;
        }

        var held = CollectionsMarshal.AsSpan(_held);
        for (var i = 0; i < ranges.Length; i++)
        {
            var mapped = ranges[i].Over(change);
            change = change.Over(ranges[i]);
            ranges[i] = mapped;
            held[i].Moved = true;
        }

        _text.Replace(change.From, change.To, update.Changes.InsertedTexts().FirstOrDefault() ?? "");
        return true;
    }

    private void Hold(Update update)
    {
        var plain = update.Tracking is null & ChangeRange.TryOf(update.Changes, out var range);
        _held.Add(new Held { Update = update, Plain = plain });
        _ranges.Add(range);
        _irregular += plain ? 0 : 1;
    }

    private void Release()
    {
        _irregular -= _held[0].Plain ? 0 : 1;
        _held.RemoveAt(0);
        _ranges.RemoveAt(0);
    }

    private record struct Held
    {
        public Update Update;
        public bool Plain;
        public bool Moved;
    }
}

/// <summary>A look at a client's text without copying it: its length and its code units.</summary>
public readonly struct LocalText(TextBuffer text)
{
    public int Length => text.Length;

    public char this[int index] => text[index];
}
