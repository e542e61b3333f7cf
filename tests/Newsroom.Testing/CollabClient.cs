using System.Runtime.InteropServices;
using Newsroom.Domain.Collab;

namespace Newsroom.Testing;

/// <summary>
/// A port of @codemirror/collab's client side (<c>receiveUpdates</c>, <c>sendableUpdates</c>): the text at the version
/// it is synced to, that version, and the local updates not yet confirmed on top of it. The tests and the load tool
/// type through this exactly as a browser would.
/// </summary>
/// <remarks>
/// The synced text is a <see cref="TextVersion"/>; given <paramref name="versions"/>, the text's versions are made
/// once for every client of it in this process, which is what lets the load tool hold hundreds of editors of one
/// story (ADR-031). The local text is read through the unconfirmed keystrokes, without being made.
/// </remarks>
public sealed class CollabClient(string clientId, int version, string doc, TextVersions? versions = null)
{
    private TextVersion _synced = versions?.Start(version, doc) ?? TextVersion.Alone(version, doc);
    private string? _local;

    public string ClientId { get; } = clientId;

    public int Version => _synced.Number;

    /// <summary>The local text: the synced text with what is unconfirmed applied.</summary>
    public string Doc => _local ??= Unconfirmed.Aggregate(_synced.Text.ToString(), (text, update) => update.Changes.Apply(text));

    public int Length => _synced.Text.Length + _held.Sum(h => h.Update.Changes.NewLength - h.Update.Changes.Length);

    /// <summary>The length of the text at <see cref="Version"/>.</summary>
    public int SyncedLength => _synced.Text.Length;

    /// <summary>The local text where it lies, to read without making it.</summary>
    public LocalText Text => new(this);

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

    // Beside each unconfirmed update: its one changed range while it is a plain keystroke (no tracking), what it
    // inserts, and whether that range moved since its change set was made. A client among hundreds of writers keeps
    // its own keystrokes here as they wait, and mapping them over every arriving keystroke as change sets was most of
    // a load generator's CPU (its profile at 500 editors in one story), growing with how far behind it was.
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

        Hold(new Update(ClientId, changes, tracking));
    }

    /// <summary>
    /// Takes in updates the server accepted, confirming ours by client id and rebasing the rest, one update at a
    /// time as the server rebases pushes (<see cref="Rebase.ReceiveOneByOne"/>; the editor does the same).
    /// </summary>
    public void Receive(IReadOnlyList<Update> updates)
    {
        foreach (var update in updates)
        {
            if (_held.Count > 0 && _held[0].Update.ClientId == update.ClientId)
            {
                // Ours, coming back: only counted off (ReceiveUpdates maps nothing for it).
                Release();
            }
            else if (_held.Count > 0 && !ReceiveApart(update))
            {
                // Rebase.ReceiveUpdates one update at a time, as the server rebases pushes.
                var received = Rebase.ReceiveUpdates(Unconfirmed, [update]);
                while (_held.Count > 0)
                {
                    Release();
                }

                foreach (var held in received.Unconfirmed)
                {
                    Hold(held);
                }
            }

            _synced = _synced.Next(update);
            _local = null;
        }
    }

    /// <summary>
    /// <see cref="Rebase.ReceiveUpdates"/>'s fast path, in place: another's keystroke shifts each of ours it is apart
    /// from as it moves over them, and meets the ones it touches with the generic maps of that pair alone
    /// (<see cref="ChangeRange.TryMapTouching"/>); false where the generic maps must decide (a change of several
    /// ranges, or a pair that makes several).
    /// </summary>
    private bool ReceiveApart(Update update)
    {
        if (_irregular > 0 || !ChangeRange.TryOf(update.Changes, out var change))
        {
            return false;
        }

        var ranges = CollectionsMarshal.AsSpan(_ranges);
        var held = CollectionsMarshal.AsSpan(_held);
        for (var i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].IsApartFrom(change))
            {
                var mapped = ranges[i].Over(change);
                change = change.Over(ranges[i]);
                ranges[i] = mapped;
                held[i].Moved = true;
            }
            else if (ChangeRange.TryMapTouching(ranges[i].ToChangeSet(held[i].Update.Changes), ref change, out var touched, out var range))
            {
                ranges[i] = range;
                held[i] = held[i] with { Update = held[i].Update with { Changes = touched }, Moved = false };
            }
            else
            {
                // The ones before are mapped; this one and the rest go over the change with change sets.
                MapRest(i, change.ToDesc());
                return true;
            }
        }

        return true;
    }

    /// <summary><see cref="Rebase.ReceiveUpdates"/>'s maps of one received change over ours from <paramref name="from"/> on, held again.</summary>
    private void MapRest(int from, ChangeDesc changes)
    {
        var unconfirmed = Rebase.MapOneOver(Unconfirmed.ToList(), from, changes);
        while (_held.Count > 0)
        {
            Release();
        }

        foreach (var held in unconfirmed)
        {
            Hold(held);
        }
    }

    /// <summary>The local text's code unit at <paramref name="index"/>, read back through the unconfirmed keystrokes.</summary>
    public char this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
            if (_irregular > 0)
            {
                return Doc[index];
            }

            for (var i = _held.Count - 1; i >= 0; i--)
            {
                var range = _ranges[i];
                if (index >= range.From + range.Inserted)
                {
                    index += range.To - range.From - range.Inserted;
                }
                else if (index >= range.From)
                {
                    return _held[i].Inserted[index - range.From];
                }
            }

            return _synced.Text[index];
        }
    }

    private void Hold(Update update)
    {
        var plain = update.Tracking is null & ChangeRange.TryOf(update.Changes, out var range);
        _held.Add(new Held { Update = update, Plain = plain, Inserted = plain ? update.Changes.InsertedTexts().FirstOrDefault() ?? "" : "" });
        // The local text, where it was made, moves on by this update alone: made again from the synced text, each
        // keystroke would apply every one still unconfirmed (thousands, for a client typing offline).
        _local = _local is null ? null : update.Changes.Apply(_local);
        _ranges.Add(range);
        _irregular += plain ? 0 : 1;
    }

    private void Release()
    {
        _irregular -= _held[0].Plain ? 0 : 1;
        _held.RemoveAt(0);
        _ranges.RemoveAt(0);
        _local = null;
    }

    private record struct Held
    {
        public Update Update;
        public bool Plain;
        public string Inserted;
        public bool Moved;
    }
}

/// <summary>A look at a client's local text without making it: its length and its code units.</summary>
public readonly struct LocalText(CollabClient client)
{
    public int Length => client.Length;

    public char this[int index] => client[index];
}
