namespace Newsroom.Domain.Collab;

/// <summary>One client's update to a shared text: who made it and the change, as @codemirror/collab sends it.</summary>
public sealed record Update(string ClientId, ChangeSet Changes);

public static class Rebase
{
    /// <summary>
    /// A port of @codemirror/collab's <c>rebaseUpdates</c>: rewrites <paramref name="updates"/> (made against an older
    /// version) to apply after <paramref name="over"/> (what the server accepted since). Updates of the same client
    /// that were already accepted (a resend after a lost acknowledgement) are dropped, the rest mapped.
    /// </summary>
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
            rebased.Add(update with { Changes = updateChanges });
        }

        return rebased;
    }
}
