using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// The shared texts being written right now: what the live editor, comments, restores and saving ask of them. Each
/// call takes its text's lock, so calls on one text are handled in order while different texts proceed in parallel;
/// the work itself is in <see cref="TextSessions"/> (memory), <see cref="UpdateLog"/> (PostgreSQL),
/// <see cref="GroupCommit"/> and <see cref="PushStaging"/>.
/// </summary>
public sealed class LiveTexts(TextSessions sessions, UpdateLog log, GroupCommit commits) : ILiveTexts
{
    public async Task<(int Version, string Text)> JoinAsync(Guid storyId, string field, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await log.CatchUpAsync(session, cancellationToken);
            return (session.Version, session.Text.ToString());
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task<IReadOnlyList<AcceptedUpdate>> PullAsync(Guid storyId, string field, int version, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await log.CatchUpAsync(session, cancellationToken);
            PushStaging.CheckVersion(session, version);
            if (session.Version - version > PushLimits.MaxPullUpdates)
            {
                throw new RefusedException(Refusal.Conflict("pull.too-far-behind", session.Version - version, PushLimits.MaxPullUpdates));
            }

            return session.Since(version).Select(AcceptedUpdate.From).ToList();
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>
    /// Accepts updates made against <paramref name="baseVersion"/>: rebased over anything accepted since (one update at
    /// a time, as the pushing client takes them in: see <see cref="Rebase.RebaseOneByOne"/>), checked,
    /// committed to the log, broadcast, and only then returned (<see cref="GroupCommit"/>).
    /// </summary>
    public async Task<int> PushAsync(
        Guid storyId, string field, int baseVersion, IReadOnlyList<Update> updates, Guid userId, string userName,
        int maxLength, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(storyId, field, cancellationToken);
        var push = new PendingPush(baseVersion, updates, userId, userName, maxLength);
        session.Enqueue(push);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            if (!push.Done.Task.IsCompleted)
            {
                await commits.CommitQueuedAsync(session);
            }
        }
        finally
        {
            session.Gate.Release();
        }

        return await push.Done.Task;
    }

    /// <summary>Where a range made at <paramref name="version"/> is now, after everything typed since (<see cref="RangeMapping"/>).</summary>
    public async Task<(int From, int To)> MapRangeAsync(
        Guid storyId, string field, int version, int from, int to, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await log.CatchUpAsync(session, cancellationToken);
            if (version < session.BaseVersion || version > session.Version)
            {
                return (from, to);
            }

            return RangeMapping.Map(session.Since(version), from, to);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>
    /// Replaces the whole live text (a revision restored) as one server-made update, so everyone's editor follows and
    /// the next save cannot bring the old text back. Nothing happens when the text is already that.
    /// </summary>
    public async Task ReplaceAsync(
        Guid storyId, string field, string text, Guid userId, string userName, CancellationToken cancellationToken)
    {
        var (version, current) = await JoinAsync(storyId, field, cancellationToken);
        if (TextReplacement.Between(current, text) is { } change)
        {
            await PushAsync(storyId, field, version, [new Update($"server-{Guid.NewGuid():N}", change)], userId, userName,
                ChangeSet.MaxDocumentLength, cancellationToken);
        }
    }

    /// <summary>Texts with edits not yet written to their story, idle for at least <paramref name="idle"/>.</summary>
    public IReadOnlyList<(Guid StoryId, string Field)> IdleDirtyTexts(TimeSpan idle) => sessions.IdleDirty(idle);

    /// <summary>The current text and the people who wrote it since the last save, if it has unsaved edits.</summary>
    public async Task<(string Text, int Version, IReadOnlyCollection<string> Authors, Guid LastAuthorId)?> TakeForSavingAsync(
        Guid storyId, string field, CancellationToken cancellationToken)
    {
        if (sessions.Find(storyId, field) is not { } session)
        {
            return null;
        }

        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another instance may have taken updates since: save the newest text, never an older one.
            await log.CatchUpAsync(session, cancellationToken);
            return session.Dirty ? (session.Text.ToString(), session.Version, session.Authors, session.LastAuthorId) : null;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>
    /// The story now holds the text as of <paramref name="savedVersion"/>. Only if nobody typed since is the text clean
    /// again; a save that failed never gets here, so its edits are tried again on the next pass.
    /// </summary>
    public async Task MarkSavedAsync(Guid storyId, string field, int savedVersion, CancellationToken cancellationToken)
    {
        if (sessions.Find(storyId, field) is { } session)
        {
            await session.Gate.WaitAsync(cancellationToken);
            try
            {
                session.MarkSaved(savedVersion);
            }
            finally
            {
                session.Gate.Release();
            }
        }
    }
}
