using Newsroom.Domain;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>A push checked and rebased into a batch: its updates as they will be committed, from version <see cref="At"/>.</summary>
public sealed record StagedPush(PendingPush Push, IReadOnlyList<Update> Rebased, int At);

/// <summary>
/// Checks a batch of queued pushes against a text and rebases each over everything before it (committed, or earlier in
/// the batch), applying it to the text, tracked so that a lost race can take it back. Pure: no database, no clock.
/// </summary>
public static class PushStaging
{
    /// <summary>The pushes that go into the commit, in order. A refused push fails here, alone; a push with nothing
    /// left to add (all of it already in the text) completes here.</summary>
    public static List<StagedPush> Stage(TextSession session, IReadOnlyList<PendingPush> batch)
    {
        var staged = new List<StagedPush>();
        var taken = new List<Update>();
        var owners = new Dictionary<string, Guid>();
        session.Text.Track();
        foreach (var push in batch.Where(p => !p.Done.Task.IsCompleted))
        {
            try
            {
                CheckVersion(session, push.BaseVersion);
                CheckLengths(push.Updates, session.LengthAt(push.BaseVersion));
                if (push.Updates.FirstOrDefault(u => !session.MayUse(u.ClientId, push.UserId)
                        || (owners.TryGetValue(u.ClientId, out var owner) && owner != push.UserId)) is { } stolen)
                {
                    // Updates are confirmed and de-duplicated by client id: one person must never speak for another's.
                    throw new RefusedException(Refusal.Conflict("push.client-id-taken", stolen.ClientId));
                }

                // Over the committed history, then over the batch so far: one accepted update at a time either way,
                // without copying the history.
                var rebased = Rebase.RebaseOneByOne(Rebase.RebaseOneByOne(push.Updates, session.Since(push.BaseVersion)), taken);
                var at = session.Version + taken.Count;
                if (rebased.Count == 0)
                {
                    push.Done.TrySetResult(at);
                    continue;
                }

                // One pass over the text per push, however many keystrokes it carries.
                var combined = rebased.Skip(1).Aggregate(rebased[0].Changes, (all, next) => all.Compose(next.Changes));
                if (combined.Length != session.Text.Length)
                {
                    throw new RefusedException(Refusal.Conflict("push.inconsistent"));
                }

                if (PushLimits.CheckBoundaries(combined, session.Text) is { } split)
                {
                    throw new RefusedException(split);
                }

                if (combined.NewLength > push.MaxLength)
                {
                    throw new RefusedException(Refusal.Conflict("push.too-long", session.Field, combined.NewLength, push.MaxLength));
                }

                combined.ApplyTo(session.Text);
                foreach (var update in rebased)
                {
                    owners.TryAdd(update.ClientId, push.UserId);
                }

                taken.AddRange(rebased);
                staged.Add(new StagedPush(push, rebased, at));
            }
            catch (RefusedException e)
            {
                push.Done.TrySetException(e);
            }
        }

        return staged;
    }

    /// <summary>Refuses a version this text has not reached, or one from before its checkpoint.</summary>
    public static void CheckVersion(TextSession session, int version)
    {
        if (version > session.Version)
        {
            throw new RefusedException(Refusal.Conflict("push.version-ahead", version, session.Version));
        }

        if (version < session.BaseVersion)
        {
            throw new RefusedException(Refusal.Conflict("push.version-too-old", version, session.BaseVersion));
        }
    }

    private static void CheckLengths(IReadOnlyList<Update> updates, int length)
    {
        foreach (var update in updates)
        {
            if (update.Changes.Length != length)
            {
                throw new RefusedException(Refusal.Conflict("push.length-mismatch", update.ClientId, update.Changes.Length, length));
            }

            foreach (var inserted in update.Changes.InsertedTexts())
            {
                if (PushLimits.CheckInserted(inserted) is { } lone)
                {
                    throw new RefusedException(lone);
                }
            }

            length = update.Changes.NewLength;
        }
    }
}
