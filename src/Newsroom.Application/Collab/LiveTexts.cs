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
        var (version, text, _) = await ReadAsync(storyId, field, cancellationToken);
        return (version, text);
    }

    public async Task<(int Version, string Text, IReadOnlyList<Run<string>> Authorship)> ReadAsync(
        Guid storyId, string field, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await log.CatchUpAsync(session, cancellationToken);
            return (session.Version, session.Text.ToString(), session.Tracked.Authorship.Runs);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task<UpdateBatch> PullAsync(Guid storyId, string field, int version, CancellationToken cancellationToken)
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

            return UpdateBatch.Of(session.Field, version, [.. session.Since(version).Select(u => (u, session.NameOf(u.Tracking!.AuthorId)))]);
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
    /// <remarks>With <paramref name="suggestOnly"/>, an update that only inserts becomes a suggestion and one that deletes is refused.</remarks>
    public Task<int> PushAsync(
        Guid storyId, string field, int baseVersion, IReadOnlyList<Update> updates, Guid userId, string userName,
        int maxLength, bool suggestOnly, CancellationToken cancellationToken) =>
        CommitAsync(storyId, field, new PendingPush(baseVersion, updates, userId, userName, maxLength) { SuggestOnly = suggestOnly }, cancellationToken);

    /// <summary>The text with its suggestions and authorship now, as a replica of the caller's own, and who its authors are.</summary>
    public async Task<TrackedSnapshot> TrackedAsync(Guid storyId, string field, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await log.CatchUpAsync(session, cancellationToken);
            var replica = session.Tracked.Clone();
            return new TrackedSnapshot(session.Version, replica.Text, replica, session.People());
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>
    /// A suggestion made by the server on the text as it is when its commit comes (for the HTTP API): replacing
    /// <c>[from, to)</c> with <paramref name="insert"/> in suggest mode (<see cref="TrackedText.Suggest"/>), committed
    /// like any push. Positions outside the text are refused (<c>push.suggestion-range</c>). Returns the version after it.
    /// </summary>
    public Task<int> SuggestAsync(
        Guid storyId, string field, int from, int to, string insert, string? note, Guid userId, string userName, int maxLength,
        CancellationToken cancellationToken) =>
        CommitAsync(storyId, field, Made(userId, userName, maxLength, ServerEdits.Suggestion(from, to, insert, note, userId)), cancellationToken);

    /// <summary>
    /// Accepts or rejects one open suggestion: the update <see cref="TrackedText.Decide"/> makes on the text as it is
    /// when its commit comes, committed like any push. A suggestion no longer open (decided already, or never there)
    /// is refused as <c>suggestion.not-open</c>, so of two decisions at once exactly one lands.
    /// </summary>
    public Task<int> DecideAsync(
        Guid storyId, string field, string suggestionId, bool accept, Guid userId, string userName, CancellationToken cancellationToken) =>
        CommitAsync(storyId, field, Made(userId, userName, ChangeSet.MaxDocumentLength, ServerEdits.Decision(suggestionId, accept, userId)), cancellationToken);

    /// <summary>
    /// Sets the note of one open suggestion (null clears it): an update that changes no text, committed like any push,
    /// so every open editor takes it in and the log and the checkpoint keep it. Returns the version after it.
    /// </summary>
    public Task<int> NoteAsync(
        Guid storyId, string field, string suggestionId, string? note, Guid userId, string userName, CancellationToken cancellationToken) =>
        CommitAsync(storyId, field, Made(userId, userName, ChangeSet.MaxDocumentLength, ServerEdits.Note(suggestionId, note, userId)), cancellationToken);

    /// <summary>Accepts or rejects every open suggestion, or every one by <paramref name="suggestedBy"/>: one update per suggestion, in one commit.</summary>
    public Task<int> DecideAllAsync(
        Guid storyId, string field, bool accept, string? suggestedBy, Guid userId, string userName, CancellationToken cancellationToken) =>
        CommitAsync(storyId, field, Made(userId, userName, ChangeSet.MaxDocumentLength, ServerEdits.AllDecisions(accept, suggestedBy, userId)), cancellationToken);

    private static PendingPush Made(Guid userId, string userName, int maxLength, ServerEdit edit) =>
        new(0, [], userId, userName, maxLength) { MadeOnTurn = edit };

    private async Task<int> CommitAsync(Guid storyId, string field, PendingPush push, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(storyId, field, cancellationToken);
        if (session.Enqueue(push))
        {
            _ = CommitWhileQueuedAsync(session);
        }

        return await push.Done.Task;
    }

    /// <summary>
    /// The text's committer: one batch at a time under the text's lock, while anything is queued. The pushers only
    /// wait for their own push (ADR-042): when each of them took the lock in turn, a batch of thirty pushes meant thirty
    /// hand-offs of the lock through the thread pool, one after the other, before the next batch could start.
    /// </summary>
    /// <remarks>Not the caller's token: the batches carry other people's pushes, which must not wait because this caller left.</remarks>
    private async Task CommitWhileQueuedAsync(TextSession session)
    {
        while (!session.StepDownIfIdle())
        {
            await session.Gate.WaitAsync(CancellationToken.None);
            try
            {
                await commits.CommitQueuedAsync(session);
            }
            finally
            {
                session.Gate.Release();
            }
        }
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
            await PushAsync(storyId, field, version, [new Update(ServerEdits.ClientId(), change)], userId, userName,
                ChangeSet.MaxDocumentLength, suggestOnly: false, cancellationToken);
        }
    }

    /// <summary>Texts with edits not yet written to their story, idle for at least <paramref name="idle"/>.</summary>
    public IReadOnlyList<(Guid StoryId, string Field)> IdleDirtyTexts(TimeSpan idle) => sessions.IdleDirty(idle);

    /// <summary>The current text and the people who wrote it since the last save, if it has unsaved edits.</summary>
    public async Task<(string Text, int Version, IReadOnlyCollection<string> Authors, Guid LastAuthorId, IReadOnlyList<Run<string>> Authorship)?> TakeForSavingAsync(
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
            return session.Dirty ? (session.Text.ToString(), session.Version, session.Authors, session.LastAuthorId, session.Tracked.Authorship.Runs) : null;
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
