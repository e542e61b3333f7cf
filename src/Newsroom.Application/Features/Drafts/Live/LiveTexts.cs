using System.Collections.Concurrent;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;
using Npgsql;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>An accepted update as clients receive it: who made it and exactly <c>ChangeSet.toJSON()</c>.</summary>
public sealed record AcceptedUpdate(string ClientId, IReadOnlyList<object> Changes);

/// <summary>
/// The shared texts being written right now, held in memory and sequenced by PostgreSQL.
/// </summary>
/// <remarks>
/// The update log's primary key (story, field, version) is the sequencer: an update is acknowledged only after its
/// row is committed, and two app instances racing for one version cannot both insert it; the loser catches up from
/// the log, rebases over what it missed, and tries again. Each text has one lock per instance, so pushes to one text
/// are handled in order while different texts proceed in parallel.
/// </remarks>
public sealed partial class LiveTexts(
    IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock, IServiceScopeFactory scopes, ILogger<LiveTexts> logger)
    : ILiveTexts
{
    private const int Attempts = 20;

    private readonly ConcurrentDictionary<(Guid StoryId, string Field), Session> _sessions = new();

    public async Task<(int Version, string Text)> JoinAsync(Guid storyId, string field, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(session, cancellationToken);
            return (session.Version, session.Text.ToString());
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public async Task<IReadOnlyList<AcceptedUpdate>> PullAsync(Guid storyId, string field, int version, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(session, cancellationToken);
            CheckVersion(session, version);
            if (session.Version - version > PushLimits.MaxPullUpdates)
            {
                throw new RefusedException(Refusal.Conflict("pull.too-far-behind", session.Version - version, PushLimits.MaxPullUpdates));
            }

            return session.Since(version).Select(Accepted).ToList();
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>
    /// Accepts updates made against <paramref name="baseVersion"/>: rebased over anything accepted since (one update at
    /// a time, as the pushing client takes them in: see <see cref="Rebase.RebaseOneByOne"/>), checked,
    /// committed to the log, broadcast, and only then returned.
    /// </summary>
    /// <remarks>
    /// Group commit: pushes that arrive while a commit is in flight queue up, and whoever takes the text's lock next
    /// checks and rebases them all in arrival order, commits them in one transaction and broadcasts them as one
    /// message. With many people in one text that is one round trip to PostgreSQL and one broadcast per batch instead
    /// of one per push; a refused push fails alone, the others in its batch go ahead.
    /// </remarks>
    public async Task<int> PushAsync(
        Guid storyId, string field, int baseVersion, IReadOnlyList<Update> updates, Guid userId, string userName,
        int maxLength, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(storyId, field, cancellationToken);
        var push = new PendingPush(baseVersion, updates, userId, userName, maxLength);
        session.Enqueue(push);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            if (!push.Done.Task.IsCompleted)
            {
                await CommitQueuedAsync(session);
            }
        }
        finally
        {
            session.Gate.Release();
        }

        return await push.Done.Task;
    }

    // Not the caller's token: the batch carries other people's pushes, which must not fail because this caller left.
    private async Task CommitQueuedAsync(Session session)
    {
        var cancellationToken = CancellationToken.None;
        var batch = session.TakeQueued();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await CatchUpAsync(session, cancellationToken);
                var staged = Stage(session, batch);
                if (staged.Count == 0)
                {
                    session.Text.Keep();
                    return;
                }

                var from = session.Version;
                var accepted = staged.SelectMany(p => p.Rebased.Select(u => (Update: u, p.Push.UserId))).ToList();
                var writers = staged.Select(p => (p.Push.UserId, p.Push.UserName)).Distinct().ToList();
                if (await TryAppendAsync(session, accepted, writers, cancellationToken) is { } appended)
                {
                    session.Text.Keep();
                    var now = clock.GetUtcNow();
                    foreach (var (push, rebased, _) in staged)
                    {
                        session.Accept(rebased, push.UserName, now, push.UserId);
                    }

                    var wire = accepted.Select(a => Accepted(a.Update)).ToList();
                    try
                    {
                        await PublishAsync(new LiveTextUpdated(session.StoryId, session.Field, from, wire), cancellationToken);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // Committed is committed: editors that missed the broadcast see a gap at the next one and pull.
                        LogBroadcastFailed(logger, e, session.StoryId, session.Field);
                    }

                    if (appended.BackToReview is { } changed)
                    {
                        await PublishAsync(changed, cancellationToken);
                    }

                    foreach (var (push, rebased, at) in staged)
                    {
                        push.Done.TrySetResult(at + rebased.Count);
                    }

                    return;
                }

                session.Text.Undo();
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
            if (session.Text.Tracking)
            {
                session.Text.Undo();
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

    /// <summary>
    /// Checks and rebases each queued push over everything before it (committed or earlier in the batch) and applies
    /// it to the text, tracked so that a lost race can take it back. A refused push fails here, alone.
    /// </summary>
    private static List<(PendingPush Push, IReadOnlyList<Update> Rebased, int At)> Stage(Session session, List<PendingPush> batch)
    {
        var staged = new List<(PendingPush, IReadOnlyList<Update>, int)>();
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

                var rebased = Rebase.RebaseOneByOne(push.Updates, [.. session.Since(push.BaseVersion), .. taken]);
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
                staged.Add((push, rebased, at));
            }
            catch (RefusedException e)
            {
                push.Done.TrySetException(e);
            }
        }

        return staged;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcasting committed updates of {StoryId}/{Field} failed; editors will pull them.")]
    private static partial void LogBroadcastFailed(ILogger logger, Exception exception, Guid storyId, string field);

    private async Task PublishAsync<TNotification>(TNotification notification, CancellationToken cancellationToken)
        where TNotification : INotification
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification, cancellationToken);
    }

    /// <summary>
    /// Where a range made at <paramref name="version"/> is now, after everything typed since: the start sticks to the
    /// text after it and the end to the text before it, so typing at the edges does not widen a comment's range.
    /// </summary>
    public async Task<(int From, int To)> MapRangeAsync(
        Guid storyId, string field, int version, int from, int to, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(session, cancellationToken);
            if (version < session.BaseVersion || version > session.Version)
            {
                return (from, to);
            }

            foreach (var update in session.Since(version))
            {
                from = update.Changes.MapPos(from, assoc: 1) ?? from;
                to = Math.Max(from, update.Changes.MapPos(to, assoc: -1) ?? to);
            }

            return (from, to);
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
        if (current == text)
        {
            return;
        }

        // Only the middle that differs is replaced, so carets and comment anchors outside it stay put.
        var prefix = 0;
        while (prefix < current.Length && prefix < text.Length && current[prefix] == text[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < current.Length - prefix && suffix < text.Length - prefix
               && current[current.Length - 1 - suffix] == text[text.Length - 1 - suffix])
        {
            suffix++;
        }

        var change = ChangeSet.Replace(current.Length, prefix, current.Length - suffix, text[prefix..(text.Length - suffix)]);
        await PushAsync(storyId, field, version, [new Update($"server-{Guid.NewGuid():N}", change)], userId, userName,
            ChangeSet.MaxDocumentLength, cancellationToken);
    }

    /// <summary>Texts with edits not yet written to their story, idle for at least <paramref name="idle"/>.</summary>
    public IReadOnlyList<(Guid StoryId, string Field)> IdleDirtyTexts(TimeSpan idle)
    {
        var now = clock.GetUtcNow();
        return _sessions.Values.Where(s => s.Dirty && now - s.LastEditAt >= idle).Select(s => (s.StoryId, s.Field)).ToList();
    }

    /// <summary>The current text and the people who wrote it since the last save, if it has unsaved edits.</summary>
    public async Task<(string Text, int Version, IReadOnlyCollection<string> Authors, Guid LastAuthorId)?> TakeForSavingAsync(
        Guid storyId, string field, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue((storyId, field), out var session))
        {
            return null;
        }

        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another instance may have taken updates since: save the newest text, never an older one.
            await CatchUpAsync(session, cancellationToken);
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
        if (_sessions.TryGetValue((storyId, field), out var session))
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

    private static void CheckVersion(Session session, int version)
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

    private async Task<Session> SessionAsync(Guid storyId, string field, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue((storyId, field), out var existing))
        {
            return existing;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var checkpoint = await db.LiveTexts.AsNoTracking()
            .SingleOrDefaultAsync(t => t.StoryId == storyId && t.Field == field, cancellationToken);
        if (checkpoint is null)
        {
            var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storyId, cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.story", storyId));
            checkpoint = LiveTextCheckpoint.Start(storyId, field, story.LiveField(field), clock.GetUtcNow());
            db.LiveTexts.Add(checkpoint);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another instance started this text first; theirs is the one.
                db.ChangeTracker.Clear();
                checkpoint = await db.LiveTexts.AsNoTracking().SingleAsync(t => t.StoryId == storyId && t.Field == field, cancellationToken);
            }
        }

        return _sessions.GetOrAdd((storyId, field), _ => new Session(storyId, field, checkpoint.BaseVersion, checkpoint.BaseText));
    }

    /// <summary>Applies whatever the log holds beyond this instance's copy (pushed through another instance).</summary>
    private async Task CatchUpAsync(Session session, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var missed = await db.LiveTextUpdates.AsNoTracking()
            .Where(u => u.StoryId == session.StoryId && u.Field == session.Field && u.Version > session.Version)
            .OrderBy(u => u.Version)
            .ToListAsync(cancellationToken);
        foreach (var row in missed)
        {
            var changes = ChangeSet.FromJson(JsonDocument.Parse(row.Changes).RootElement);
            changes.ApplyTo(session.Text);
            session.Accept([new Update(row.ClientId, changes)], author: null, row.At, row.UserId);
        }
    }

    /// <summary>
    /// Commits the batch to the log, or returns null when another instance took its version first. The story's row is
    /// locked for the transaction, so no workflow step can commit between the state read here and the updates: a
    /// published or spiked story refuses the batch, and the first updates to an approved or scheduled story send it
    /// back to review in the same transaction (a named revision of the new text and an audit row naming who wrote it),
    /// so an approval never covers text it did not see (ADR-008).
    /// </summary>
    private async Task<Appended?> TryAppendAsync(
        Session session, List<(Update Update, Guid UserId)> updates, List<(Guid Id, string Name)> writers,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = await db.LockStoryAsync(session.StoryId, cancellationToken)
            ?? throw new RefusedException(Refusal.NotFound("not-found.story", session.StoryId));
        var now = clock.GetUtcNow();
        StoryChanged? backToReview = null;
        switch (state)
        {
            case StoryState.Published or StoryState.Corrected or StoryState.Spiked:
                // A step committed after this push's permission check: the push loses, as it would have a moment later.
                throw new RefusedException(Story.CheckEditing(state, onStory: true)!);
            case StoryState.Approved or StoryState.Scheduled:
                backToReview = await SendBackToReviewAsync(db, session, writers, now, cancellationToken);
                break;
        }

        var version = session.Version;
        db.LiveTextUpdates.AddRange(updates.Select(u => LiveTextUpdate.Record(session.StoryId, session.Field, ++version, u.Update, u.UserId, now)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Appended(backToReview);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return null;
        }
    }

    private static async Task<StoryChanged> SendBackToReviewAsync(
        NewsroomDbContext db, Session session, List<(Guid Id, string Name)> writers, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var story = await db.Stories.SingleAsync(s => s.Id == session.StoryId, cancellationToken);
        var from = new StorySnapshot(story.Id, story.State, story.LatestRevisionNumber);
        var (writerId, writerName) = writers[0];
        // The staged text is this field as it will be once the batch commits.
        var revision = story.ApplyLiveText(session.Field, session.Text.ToString(), writers.Select(w => w.Name).ToList(), writerId, now);
        db.Revisions.Add(revision);
        db.AuditLog.Add(AuditEntry.Record(
            now, writerId, string.Join(", ", writers.Select(w => w.Name)), "PushUpdates", AuditOutcome.Succeeded,
            before: from, after: new StorySnapshot(story.Id, story.State, revision.Number)));
        return new StoryChanged(story.Id, story.Slug, story.Headline, story.State, from.State, writerId, writerName);
    }

    private sealed record Appended(StoryChanged? BackToReview);

    private static AcceptedUpdate Accepted(Update update) => new(update.ClientId, update.Changes.ToJson());

    private sealed record PendingPush(int BaseVersion, IReadOnlyList<Update> Updates, Guid UserId, string UserName, int MaxLength)
    {
        /// <summary>The text's version once this push is in it (its updates broadcast, or all of them already there).</summary>
        public TaskCompletionSource<int> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Session(Guid storyId, string field, int baseVersion, string baseText)
    {
        private readonly List<Update> _updates = [];
        private readonly List<int> _lengths = [baseText.Length];
        private readonly HashSet<string> _authors = [];

        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Guid StoryId { get; } = storyId;
        public string Field { get; } = field;
        public int BaseVersion { get; } = baseVersion;
        public int Version => BaseVersion + _updates.Count;
        public TextBuffer Text { get; } = new(baseText);
        public bool Dirty { get; private set; }
        public DateTimeOffset LastEditAt { get; private set; }

        public List<Update> Since(int version) => _updates.Skip(version - BaseVersion).ToList();

        public int LengthAt(int version) => _lengths[version - BaseVersion];

        private readonly Dictionary<string, Guid> _clientOwners = [];

        public Guid LastAuthorId { get; private set; }

        public bool MayUse(string clientId, Guid userId) =>
            !_clientOwners.TryGetValue(clientId, out var owner) || owner == userId;

        private readonly Lock _queueGate = new();
        private List<PendingPush> _queue = [];

        public void Enqueue(PendingPush push)
        {
            lock (_queueGate)
            {
                _queue.Add(push);
            }
        }

        public List<PendingPush> TakeQueued()
        {
            lock (_queueGate)
            {
                var queued = _queue;
                _queue = [];
                return queued;
            }
        }

        /// <summary>Records committed updates, already applied to <see cref="Text"/>.</summary>
        public void Accept(IReadOnlyList<Update> updates, string? author, DateTimeOffset at, Guid authorId)
        {
            LastAuthorId = authorId;
            foreach (var update in updates)
            {
                _clientOwners.TryAdd(update.ClientId, authorId);
            }

            foreach (var update in updates)
            {
                _updates.Add(update);
                _lengths.Add(update.Changes.NewLength);
            }

            Dirty = true;
            LastEditAt = at;
            if (author is not null)
            {
                _authors.Add(author);
            }
        }

        public IReadOnlyCollection<string> Authors => _authors.Count > 0 ? [.. _authors] : ["a colleague"];

        public void MarkSaved(int savedVersion)
        {
            if (Version == savedVersion)
            {
                _authors.Clear();
                Dirty = false;
            }
        }
    }
}
