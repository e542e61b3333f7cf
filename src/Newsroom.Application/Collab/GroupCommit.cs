using Microsoft.Extensions.Options;
using Newsroom.Domain;

namespace Newsroom.Application.Collab;

/// <summary>
/// Commits the pushes queued on a text as one batch: staged, appended to the log in one transaction, recorded in the
/// session, broadcast as one message, and only then acknowledged. Runs under the text's lock.
/// </summary>
/// <remarks>
/// Pushes that arrive while a commit is in flight queue up, and the text's committer (one at a time, started by the
/// push that finds none: <see cref="LiveTexts"/>) commits them all next.
/// With many people in one text that is one round trip to PostgreSQL and one broadcast per batch instead of one per
/// push; a refused push fails alone, the others in its batch go ahead.
/// <para>
/// The commit window (ADR-025): a text that committed less than <see cref="Options.CommitWindow"/> ago waits until
/// the window has passed before taking its next batch, as PostgreSQL's <c>commit_delay</c> does, so a busy text
/// commits and broadcasts one batch of many pushes per window instead of one message to every editor per push. A text
/// that has been quiet for the window commits at once, and so does one client pushing alone (a replay, a paste of
/// many pushes): with nobody else's pushes to gather, waiting would only slow it.
/// </para>
/// </remarks>
public sealed class GroupCommit(UpdateLog log, LiveTextBroadcast broadcast, TimeProvider clock, IOptions<GroupCommit.Options> options)
{
    private const int Attempts = 20;

    private readonly TimeSpan _window = options.Value.CommitWindow;

    public sealed class Options
    {
        /// <summary>The least time between two commits of one text; zero commits every batch as soon as it can.</summary>
        public TimeSpan CommitWindow { get; set; } = TimeSpan.FromMilliseconds(15);
    }

    // Not the caller's token: the batch carries other people's pushes, which must not fail because this caller left.
    public async Task CommitQueuedAsync(TextSession session)
    {
        var cancellationToken = CancellationToken.None;
        if (session.CommittedAt is { } last && _window - clock.GetElapsedTime(last) is { Ticks: > 0 } rest
            && !session.QueuedOnlyFrom(session.CommittedFrom))
        {
            // Held under the text's lock: pushes arriving meanwhile queue up and go in this batch.
            await Task.Delay(rest, clock, cancellationToken);
        }

        var batch = session.TakeQueued();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // Optimistic: this instance's copy is normally the newest, so the first try reads nothing. A lost race
                // (another instance took the version) and a push made at a version only the log has catch up first.
                if (attempt > 1 || batch.Any(p => p.BaseVersion > session.Version))
                {
                    await log.CatchUpAsync(session, cancellationToken);
                }

                var now = clock.GetUtcNow();
                var staged = PushStaging.Stage(session, batch, now);
                if (staged.Count == 0)
                {
                    session.KeepStaged();
                    return;
                }

                var from = session.Version;
                var accepted = staged.SelectMany(p => p.Rebased.Select(u => (Update: u, p.Push.UserId, p.Push.UserName))).ToList();
                var writers = staged.Select(p => (p.Push.UserId, p.Push.UserName)).Distinct().ToList();
                if (await log.TryAppendAsync(session, accepted, writers, cancellationToken) is { } appended)
                {
                    session.CommittedAt = clock.GetTimestamp();
                    session.CommittedFrom = staged.Select(p => p.Push.Source).Distinct().Count() == 1 ? staged[0].Push.Source : null;
                    session.KeepStaged();
                    foreach (var (push, rebased, _) in staged)
                    {
                        session.Accept(rebased, push.UserName, now, push.UserId);
                    }

                    var wire = UpdateBatch.Of(session.Field, from, [.. accepted.Select(a => (a.Update, a.UserName))]);
                    await broadcast.UpdatesAsync(new LiveTextUpdated(session.StoryId, session.Field, from, wire), cancellationToken);
                    if (appended.BackToReview is { } changed)
                    {
                        await broadcast.StoryChangedAsync(changed, cancellationToken);
                    }

                    foreach (var (push, rebased, at) in staged)
                    {
                        push.Done.TrySetResult(at + rebased.Count);
                    }

                    return;
                }

                session.UndoStaged();
                if (attempt == Attempts)
                {
                    throw new RefusedException(Refusal.Conflict("push.busy"));
                }

                // Another instance took the version: back off a random moment so two instances do not retry in step.
                await Task.Delay(Random.Shared.Next(1, 4 * attempt), cancellationToken);
            }
        }
        catch (Exception e)
        {
            // The database went away, the host is stopping, or the text is too busy: nothing of this batch was
            // committed, so every push in it fails and its editor sends it again.
            if (session.Staging)
            {
                session.UndoStaged();
            }

            foreach (var push in batch)
            {
                push.Done.TrySetException(e);
            }
        }
        finally
        {
            foreach (var push in batch)
            {
                push.Done.TrySetResult(session.Version);
            }
        }
    }
}
