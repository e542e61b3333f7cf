namespace Newsroom.Domain.Collab;

/// <summary>
/// One client's update to a shared text: who made it and the change, as @codemirror/collab sends it, and optionally
/// what it means for suggestions and authorship (<see cref="Tracking"/>), which a rebase moves along with the change.
/// </summary>
public sealed record Update(string ClientId, ChangeSet Changes, Tracking? Tracking = null);

/// <summary>What taking in accepted updates leaves a client with: the change to apply to its text, and what is still unconfirmed.</summary>
public sealed record Received(ChangeSet? Changes, IReadOnlyList<Update> Unconfirmed);

/// <summary>
/// Moving updates over other updates, on the server (a push made against an older version) and on a client (its
/// unconfirmed updates under what the server accepted). Both sides go one accepted update at a time.
/// </summary>
/// <remarks>
/// Mapping over a composition is not the same as mapping over its parts one after the other: where two insertions
/// meet at one position, the composition keeps them as one replacement and the mapped insertion lands between its
/// parts, whereas one at a time it lands after both (docs/decisions/ADR-004-change-algebra-port.md has the smallest
/// case). A client maps its unconfirmed updates over whatever runs of updates reach it (a broadcast batch, a pull), so
/// the server could only append what the client holds by mapping over the very same runs, which it cannot know.
/// One at a time on both sides, every update goes through the identical sequence of maps, whatever the grouping.
/// </remarks>
public static class Rebase
{
    /// <summary>
    /// A port of @codemirror/collab's <c>rebaseUpdates</c>: rewrites <paramref name="updates"/> (made against an older
    /// version) to apply after <paramref name="over"/> (what the server accepted since). Updates of the same client
    /// that were already accepted (a resend after a lost acknowledgement) are dropped, the rest mapped.
    /// </summary>
    /// <remarks>Over more than one update this maps over their composition; the server uses <see cref="RebaseOneByOne"/>.</remarks>
    public static IReadOnlyList<Update> RebaseUpdates(IReadOnlyList<Update> updates, IReadOnlyList<Update> over)
    {
        if (over.Count == 0 || updates.Count == 0)
        {
            return updates;
        }

        ChangeDesc? changes = null;
        var skip = 0;
        foreach (var update in over)
        {
            var other = skip < updates.Count ? updates[skip] : null;
            if (other is not null && other.ClientId == update.ClientId)
            {
                if (changes is not null)
                {
                    changes = changes.MapDesc(other.Changes, before: true);
                }

                skip++;
            }
            else
            {
                changes = changes is not null ? changes.ComposeDesc(update.Changes) : update.Changes;
            }
        }

        var remaining = skip > 0 ? updates.Skip(skip).ToList() : updates;
        if (changes is null)
        {
            return remaining;
        }

        var rebased = new List<Update>(remaining.Count);
        foreach (var update in remaining)
        {
            var updateChanges = update.Changes.Map(changes);
            changes = changes.MapDesc(update.Changes, before: true);
            rebased.Add(update with { Changes = updateChanges, Tracking = update.Tracking?.MapOver(changes) });
        }

        return rebased;
    }

    /// <summary>
    /// What the server appends for a push made against an older version: <see cref="RebaseUpdates"/> over each
    /// update of <paramref name="over"/> in turn, exactly as the pushing client takes them in with
    /// <see cref="ReceiveOneByOne"/>, so the log holds what that client holds.
    /// </summary>
    public static IReadOnlyList<Update> RebaseOneByOne(IReadOnlyList<Update> updates, IReadOnlyList<Update> over)
    {
        for (var i = 0; i < over.Count && updates.Count > 0;)
        {
            i = RebaseApart(ref updates, over, i);
            if (i < over.Count && updates.Count > 0)
            {
                // Where ranges touch, the generic maps decide the order; then the fast path goes on.
                updates = RebaseUpdates(updates, [over[i]]);
                i++;
            }
        }

        return updates;
    }

    /// <summary>
    /// The fast path of <see cref="RebaseOneByOne"/> for keystrokes: while every update is one changed range, each
    /// map is a shift where the two are apart (<see cref="ChangeAlgebra.MapApart"/>), and the generic maps of that
    /// one pair where they touch (<see cref="ChangeRange.TryMapTouching"/>), so the ranges are carried as numbers
    /// through all of <paramref name="over"/> and made into change sets once, at the end. A push's cost is then a few
    /// integer operations per pair, not a change set per update each time one pair touches: a push that carries many
    /// keystrokes over many accepted ones (a client far behind) touched some pair at nearly every accepted update.
    /// Starts at <paramref name="start"/> and returns where it stopped: the generic path takes that accepted update
    /// (several ranges) from exactly the updates it would have had (RebaseFastPathTests).
    /// </summary>
    private static int RebaseApart(ref IReadOnlyList<Update> updates, IReadOnlyList<Update> over, int start)
    {
        var count = updates.Count;
        var ranges = new Span<ChangeRange>(new ChangeRange[count]);
        for (var j = 0; j < count; j++)
        {
            // Marked deletions move with the descriptions the generic path maps over; this path carries numbers only.
            if (!ChangeRange.TryOf(updates[j].Changes, out ranges[j]) || updates[j].Tracking?.Deletions is { Count: > 0 })
            {
                return start;
            }
        }

        var head = 0;
        var moved = false;
        var done = start;
        var envelope = Envelope.Of(ranges);
        for (; done < over.Count && head < count; done++)
        {
            var accepted = over[done];
            if (updates[head].ClientId == accepted.ClientId)
            {
                // Already accepted (a resend after a lost acknowledgement): dropped, the rest not mapped.
                envelope.Settle(ranges[head..]);
                head++;
                envelope = Envelope.Of(ranges[head..]);
                continue;
            }

            if (!ChangeRange.TryOf(accepted.Changes, out var changes))
            {
                break;
            }

            moved = true;
            if (envelope.Passes(changes))
            {
                continue;
            }

            envelope.Settle(ranges[head..]);
            for (var j = head; j < count; j++)
            {
                // The update over what was accepted, then what was accepted over the update (as RebaseUpdates maps).
                ref var range = ref ranges[j];
                if (range.IsApartFrom(changes))
                {
                    var mapped = range.Over(changes);
                    changes = changes.Over(range);
                    range = mapped;
                }
                else if (ChangeRange.TryMapTouching(range.ToChangeSet(updates[j].Changes), ref changes, out _, out var touched))
                {
                    range = touched;
                }
                else
                {
                    // The pair makes several ranges: this accepted update goes on over the rest with change sets.
                    updates = MapOneOver(Made(updates, ranges, head), j - head, changes.ToDesc());
                    return done + 1;
                }
            }

            envelope = Envelope.Of(ranges[head..]);
        }

        envelope.Settle(ranges[head..]);
        if (moved || head > 0)
        {
            updates = Made(updates, ranges, head);
        }

        return done;
    }

    /// <summary>
    /// Where a push's keystrokes lie, for the accepted updates that pass wholly before or after all of them, as most
    /// do (a push's keystrokes are at one caret; others type elsewhere): none of the updates changes anything before
    /// <c>low</c>, or in the last <c>tail</c> code units, of any text between them. An accepted update before that
    /// shifts every range by its change in length and is moved by none; one after moves no range. Either is counted
    /// here once and applied to the ranges when a pair must be looked at (<see cref="Settle"/>), so a push's cost no
    /// longer grows with its keystrokes times the accepted updates it is behind, only with those that come near it.
    /// </summary>
    private struct Envelope
    {
        private long _low, _tail;
        private int _shift, _grown;

        public static Envelope Of(ReadOnlySpan<ChangeRange> ranges)
        {
            var envelope = new Envelope { _low = long.MaxValue, _tail = long.MaxValue };
            foreach (var range in ranges)
            {
                // A range of nothing changes nothing anywhere: every map leaves it as it is but for the length.
                if (!range.ChangesNothing)
                {
                    envelope._low = Math.Min(envelope._low, range.From);
                    envelope._tail = Math.Min(envelope._tail, range.Length - range.To);
                }
            }

            return envelope;
        }

        /// <summary>True, and counted, if <paramref name="changes"/> is apart from every range and before or after all of them.</summary>
        public bool Passes(ChangeRange changes)
        {
            var grows = changes.Inserted - (changes.To - changes.From);
            if (changes.To < _low)
            {
                _low += grows;
                _shift += grows;
                _grown += grows;
                return true;
            }

            if (changes.From > changes.Length - _tail)
            {
                _tail += grows;
                _grown += grows;
                return true;
            }

            return false;
        }

        /// <summary>Applies what <see cref="Passes"/> counted to <paramref name="ranges"/>.</summary>
        public void Settle(Span<ChangeRange> ranges)
        {
            if (_shift == 0 && _grown == 0)
            {
                return;
            }

            foreach (ref var range in ranges)
            {
                range = range.ChangesNothing
                    ? range with { Length = range.Length + _grown }
                    : new ChangeRange(range.From + _shift, range.To + _shift, range.Inserted, range.Length + _grown);
            }

            (_shift, _grown) = (0, 0);
        }
    }

    /// <summary>The updates from <paramref name="head"/> with the changes their ranges now say.</summary>
    private static List<Update> Made(IReadOnlyList<Update> updates, ReadOnlySpan<ChangeRange> ranges, int head)
    {
        var result = new List<Update>(updates.Count - head);
        for (var j = head; j < updates.Count; j++)
        {
            var original = updates[j];
            result.Add(original with { Changes = ranges[j].ToChangeSet(original.Changes) });
        }

        return result;
    }

    /// <summary>
    /// <see cref="RebaseUpdates"/>'s maps of one accepted change, <paramref name="changes"/>, over
    /// <paramref name="updates"/> from <paramref name="from"/> on, in place: each update over it, then it over the
    /// update. Where a fast path's pair makes several ranges, the rest of that pair's maps go this way.
    /// </summary>
    public static List<Update> MapOneOver(List<Update> updates, int from, ChangeDesc changes)
    {
        for (var j = from; j < updates.Count; j++)
        {
            var update = updates[j];
            var updateChanges = update.Changes.Map(changes);
            changes = changes.MapDesc(update.Changes, before: true);
            updates[j] = update with { Changes = updateChanges, Tracking = update.Tracking?.MapOver(changes) };
        }

        return updates;
    }

    /// <summary>
    /// A port of @codemirror/collab's <c>receiveUpdates</c> without the editor state: confirms the client's own
    /// updates by client id, maps the others over the rest of <paramref name="unconfirmed"/> (ties go to the local
    /// text), and rebases what stays unconfirmed over them.
    /// </summary>
    public static Received ReceiveUpdates(IReadOnlyList<Update> unconfirmed, IReadOnlyList<Update> updates)
    {
        ChangeSet? changes = null;
        var own = 0;
        foreach (var update in updates)
        {
            var ours = own < unconfirmed.Count ? unconfirmed[own] : null;
            if (ours is not null && ours.ClientId == update.ClientId)
            {
                if (changes is not null)
                {
                    changes = changes.Map(ours.Changes, before: true);
                }

                own++;
            }
            else
            {
                changes = changes is null ? update.Changes : changes.Compose(update.Changes);
            }
        }

        var remaining = unconfirmed.Skip(own).ToList();
        if (remaining.Count > 0 && changes is not null)
        {
            for (var i = 0; i < remaining.Count; i++)
            {
                var mapped = remaining[i].Changes.Map(changes);
                changes = changes.Map(remaining[i].Changes, before: true);
                remaining[i] = remaining[i] with { Changes = mapped, Tracking = remaining[i].Tracking?.MapOver(changes) };
            }
        }

        return new Received(changes, remaining);
    }

    /// <summary>
    /// Takes in accepted updates as the server rebases pushes: one at a time while anything is unconfirmed (the
    /// editor does the same, one <c>receiveUpdates</c> per update), all at once otherwise, as nothing is mapped then.
    /// </summary>
    public static Received ReceiveOneByOne(IReadOnlyList<Update> unconfirmed, IReadOnlyList<Update> updates)
    {
        if (unconfirmed.Count == 0)
        {
            return ReceiveUpdates(unconfirmed, updates);
        }

        ChangeSet? changes = null;
        foreach (var update in updates)
        {
            var received = ReceiveUpdates(unconfirmed, [update]);
            unconfirmed = received.Unconfirmed;
            if (received.Changes is not null)
            {
                changes = changes is null ? received.Changes : changes.Compose(received.Changes);
            }
        }

        return new Received(changes, unconfirmed);
    }
}
