using Newsroom.Domain;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>A push checked and rebased into a batch: its updates as they will be committed (tracking filled), from version <see cref="At"/>.</summary>
public sealed record StagedPush(PendingPush Push, IReadOnlyList<Update> Rebased, int At);

/// <summary>
/// Checks a batch of queued pushes against a text and rebases each over everything before it (committed, or earlier in
/// the batch), fills in each update's tracking (its id, author and time: whatever a client says of those is ignored)
/// and applies it to the text and its suggestions and authorship, tracked so that a lost race can take it back.
/// Pure: no database, no clock (the commit's time is given).
/// </summary>
public static class PushStaging
{
    /// <summary>The pushes that go into the commit, in order. A refused push fails here, alone; a push with nothing
    /// left to add (all of it already in the text) completes here.</summary>
    public static List<StagedPush> Stage(TextSession session, IReadOnlyList<PendingPush> batch, DateTimeOffset now)
    {
        // A push refused after some of its updates were applied (a suggestion checked against the state its own
        // earlier updates left) takes the whole staging back; it starts again without that push.
        while (true)
        {
            if (TryStage(session, batch, now) is { } staged)
            {
                return staged;
            }
        }
    }

    private static List<StagedPush>? TryStage(TextSession session, IReadOnlyList<PendingPush> batch, DateTimeOffset now)
    {
        var staged = new List<StagedPush>();
        var taken = new List<Update>();
        var owners = new Dictionary<string, Guid>();
        session.BeginStaging();
        foreach (var push in batch.Where(p => !p.Done.Task.IsCompleted))
        {
            var applied = false;
            try
            {
                var at = session.Version + taken.Count;
                var rebased = push.MadeOnTurn is { } make
                    ? Made(session, make, at, now)
                    : Rebased(session, push, taken, owners);
                if (rebased.Count == 0)
                {
                    push.Done.TrySetResult(at);
                    continue;
                }

                // One pass over the text for the checks, however many keystrokes the push carries.
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

                var authorId = push.UserId.ToString("D");
                var tracked = new List<Update>(rebased.Count);
                foreach (var update in rebased)
                {
                    var filled = update with { Tracking = Tracked(session, push, update, UpdateTracking.IdOf(session.Field, at + 1 + tracked.Count), authorId, now) };
                    session.Apply(filled);
                    applied = true;
                    if (filled.Tracking!.Deletions is { Count: > 0 } deletions && PushLimits.CheckBoundaries(deletions, session.Text) is { } splits)
                    {
                        throw new RefusedException(splits);
                    }

                    tracked.Add(filled);
                }

                foreach (var update in tracked)
                {
                    owners.TryAdd(update.ClientId, push.UserId);
                }

                taken.AddRange(tracked);
                staged.Add(new StagedPush(push, tracked, at));
            }
            catch (RefusedException e)
            {
                push.Done.TrySetException(e);
                if (applied)
                {
                    session.UndoStaged();
                    return null;
                }
            }
        }

        return staged;
    }

    private static IReadOnlyList<Update> Made(TextSession session, ServerEdit make, int at, DateTimeOffset now)
    {
        var made = make(session.Tracked, n => UpdateTracking.IdOf(session.Field, at + 1 + n), now);
        CheckLengths(made, session.Text.Length);
        return made;
    }

    private static IReadOnlyList<Update> Rebased(TextSession session, PendingPush push, List<Update> taken, Dictionary<string, Guid> owners)
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
        // without copying the history. A client's suggested deletions move with its changes.
        return Rebase.RebaseOneByOne(Rebase.RebaseOneByOne(push.Updates, session.Since(push.BaseVersion)), taken);
    }

    /// <summary>
    /// The server's tracking of an update about to be applied to <paramref name="session"/>: a client says only
    /// whether it is a suggestion, its note and the deletions it marks, and these are checked against the text now.
    /// </summary>
    private static Tracking Tracked(TextSession session, PendingPush push, Update update, string updateId, string authorId, DateTimeOffset now)
    {
        var given = update.Tracking;
        if (push.MadeOnTurn is not null)
        {
            // Made here on this very state (a decision, or a suggestion from the API): only named and timed here.
            return (given ?? new Tracking(updateId, authorId, now)) with { UpdateId = updateId, AuthorId = authorId, At = now };
        }

        var suggest = given?.Suggest == true;
        if (!suggest && !(push.SuggestOnly && !update.Changes.IsEmpty))
        {
            return new Tracking(updateId, authorId, now);
        }

        // In a story that makes every edit a suggestion, an update made outside suggest mode is one if it only inserts.
        var deletions = given?.Deletions ?? [];
        if (PushLimits.CheckSuggestion(session.Tracked, update.Changes, deletions, authorId, deletesNothing: !suggest) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        return new Tracking(updateId, authorId, now, Suggest: true, given?.Note, deletions.Count > 0 ? deletions : null);
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
