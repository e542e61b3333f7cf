using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;
using Npgsql;
using NpgsqlTypes;

namespace Newsroom.Application.Collab;

/// <summary>
/// The update log in PostgreSQL, which sequences every live text: its checkpoint, reading what another instance
/// committed, and appending a batch.
/// </summary>
/// <remarks>
/// The log's primary key (story, field, version) is the sequencer: an update is acknowledged only after its row is
/// committed, and two app instances racing for one version cannot both insert it; the loser catches up from the log,
/// rebases over what it missed, and tries again.
/// </remarks>
public sealed class UpdateLog(IDbContextFactory<NewsroomDbContext> dbFactory, CommitContexts commitContexts, TimeProvider clock) : IDisposable
{
    /// <summary>
    /// A text's session from its checkpoint (its text, suggestions and authorship), starting the checkpoint from the
    /// story's field on first use. The updates after the checkpoint are applied by the next catch-up.
    /// </summary>
    public async Task<TextSession> OpenAsync(Guid storyId, string field, CancellationToken cancellationToken)
    {
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

        var tracked = TrackingJson.ReadState(checkpoint.Tracked);
        var firstAuthor = tracked is null ? await FirstAuthorAsync(db, storyId, checkpoint.BaseText, cancellationToken) : "";
        var session = new TextSession(storyId, field, checkpoint.BaseVersion, checkpoint.BaseText, tracked, firstAuthor);
        await NameAsync(db, session, session.Tracked.State.Authorship.Select(r => r.Value).Concat(session.Tracked.State.Suggestions.Select(s => s.AuthorId)), cancellationToken);
        return session;
    }

    /// <summary>Who wrote a checkpoint's text that has no stored authorship: the story's creator ("" for an empty text).</summary>
    internal static async Task<string> FirstAuthorAsync(NewsroomDbContext db, Guid storyId, string baseText, CancellationToken cancellationToken) =>
        baseText.Length == 0 ? ""
            : (await db.Stories.AsNoTracking().Where(s => s.Id == storyId).Select(s => s.CreatedBy).SingleAsync(cancellationToken)).ToString("D");

    /// <summary>Applies whatever the log holds beyond this instance's copy (pushed through another instance).</summary>
    public async Task CatchUpAsync(TextSession session, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var missed = await db.LiveTextUpdates.AsNoTracking()
            .Where(u => u.StoryId == session.StoryId && u.Field == session.Field && u.Version > session.Version)
            .OrderBy(u => u.Version)
            .ToListAsync(cancellationToken);
        foreach (var row in missed)
        {
            var (update, name) = TrackingJson.ReadUpdate(session.Field, row.Version, row.ClientId, row.Changes, row.Tracking, row.UserId, row.At);
            session.Apply(update);
            session.Accept([update], author: null, row.At, row.UserId);
            if (name is not null)
            {
                session.Names[update.Tracking!.AuthorId] = name;
            }
        }

        if (missed.Count > 0)
        {
            await NameAsync(db, session, missed.Select(r => r.UserId.ToString("D")), cancellationToken);
        }
    }

    /// <summary>Reads the display names the session does not know yet of <paramref name="authorIds"/>.</summary>
    private static async Task NameAsync(NewsroomDbContext db, TextSession session, IEnumerable<string> authorIds, CancellationToken cancellationToken)
    {
        var unknown = authorIds.Where(id => !session.Names.ContainsKey(id)).Distinct()
            .Select(id => Guid.TryParse(id, out var guid) ? guid : (Guid?)null).OfType<Guid>().ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        foreach (var user in await db.Users.AsNoTracking().Where(u => unknown.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
        {
            session.Names[user.Id.ToString("D")] = user.DisplayName;
        }
    }

    /// <summary>
    /// Commits the batch to the log, or returns null when another instance took its version first. The story's row is
    /// locked for the transaction, so no workflow step can commit between the state read here and the updates: a
    /// published or spiked story refuses the batch, and the first updates to an approved or scheduled story send it
    /// back to review in the same transaction (a named revision of the new text and an audit row naming who wrote it),
    /// so an approval never covers text it did not see (ADR-008).
    /// </summary>
    /// <remarks>
    /// Group commit across texts (ADR-015): batches of other texts that arrive while a commit is in flight wait and go
    /// together in the next transaction, so a newsroom of many stories pays one commit (one WAL flush) per round, not
    /// one per text. The caller holds its text's lock throughout, so the session does not move meanwhile.
    /// </remarks>
    public async Task<Appended?> TryAppendAsync(
        TextSession session, IReadOnlyList<(Update Update, Guid UserId, string UserName)> updates, IReadOnlyList<(Guid Id, string Name)> writers,
        CancellationToken cancellationToken)
    {
        var append = new PendingAppend(session, session.Version, updates, writers);
        lock (_queueGate)
        {
            _queue.Add(append);
        }

        // Not the caller's token: the round carries other texts' batches.
        await _commitGate.WaitAsync(CancellationToken.None);
        try
        {
            if (!append.Done.Task.IsCompleted)
            {
                await CommitQueuedAsync();
            }
        }
        finally
        {
            _commitGate.Release();
        }

        return await append.Done.Task.WaitAsync(cancellationToken);
    }

    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly Lock _queueGate = new();
    private List<PendingAppend> _queue = [];

    public void Dispose() => _commitGate.Dispose();

    private async Task CommitQueuedAsync()
    {
        List<PendingAppend> round;
        lock (_queueGate)
        {
            round = _queue;
            _queue = [];
        }

        try
        {
            await CommitAsync(round);
        }
        catch (Exception e) when (round.Count > 1 && e is not OutOfMemoryException)
        {
            // A statement of the round failed (the database, or one text's batch): the round is rolled back, and each
            // batch goes again alone, so the others neither wait for nor fail with that one.
            foreach (var append in round.Where(a => !a.Done.Task.IsCompleted))
            {
                try
                {
                    await CommitAsync([append]);
                }
                catch (Exception alone) when (alone is not OutOfMemoryException)
                {
                    append.Done.TrySetException(alone);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            round[0].Done.TrySetException(e);
        }
    }

    /// <summary>One transaction for the round: lock the stories (in id order, as every instance does), check their
    /// states, write the updates in one statement, commit. On the commit rounds' own connections (<see cref="CommitContexts"/>).</summary>
    private async Task CommitAsync(List<PendingAppend> round)
    {
        await using var db = await commitContexts.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var states = await LockStoriesAsync(connection, round.Select(a => a.Session.StoryId).Distinct().Order().ToArray());
        var now = clock.GetUtcNow();
        var writing = new List<PendingAppend>(round.Count);
        var sendBack = false;
        foreach (var append in round)
        {
            if (!states.TryGetValue(append.Session.StoryId, out var state))
            {
                append.Done.TrySetException(new RefusedException(Refusal.NotFound("not-found.story", append.Session.StoryId)));
                continue;
            }

            switch (state)
            {
                case StoryState.Published or StoryState.Corrected or StoryState.Spiked:
                    // A step committed after this push's permission check: the push loses, as it would have a moment later.
                    append.Done.TrySetException(new RefusedException(Story.CheckEditing(state, onStory: true)!));
                    continue;
                case StoryState.Approved or StoryState.Scheduled:
                    append.BackToReview = await SendBackToReviewAsync(db, append.Session, append.Writers, now, CancellationToken.None);
                    sendBack = true;
                    break;
            }

            writing.Add(append);
        }

        if (sendBack)
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var taken = writing.Count > 0 ? await InsertAsync(connection, writing) : [];
        if (taken.Any(a => a.BackToReview is not null))
        {
            // A story goes back to review only with the updates that sent it: nothing of the round is committed, and
            // every batch in it catches up and goes again.
            foreach (var append in round)
            {
                append.Done.TrySetResult(null);
            }

            return;
        }

        foreach (var append in taken)
        {
            writing.Remove(append);
            append.Done.TrySetResult(null);
        }

        await transaction.CommitAsync(CancellationToken.None);
        foreach (var append in writing)
        {
            append.Done.TrySetResult(new Appended(append.BackToReview));
        }
    }

    private static async Task<Dictionary<Guid, StoryState>> LockStoriesAsync(NpgsqlConnection connection, Guid[] storyIds)
    {
        // FOR NO KEY UPDATE, as StoryLocks: inserting the updates checks their foreign key with KEY SHARE, which this lets through.
        await using var command = new NpgsqlCommand(
            "SELECT id, state FROM stories WHERE id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE", connection);
        command.Parameters.AddWithValue("ids", storyIds);
        var states = new Dictionary<Guid, StoryState>(storyIds.Length);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states[reader.GetGuid(0)] = Enum.Parse<StoryState>(reader.GetString(1));
        }

        return states;
    }

    // One statement for every update of the round, without EF Core's change tracking (ADR-015: it was most of the
    // commit's CPU). An ordinary update's tracking is what a row without one reads as (its id from the version, its
    // author the row's user, its time the row's), so only suggestions and decisions store theirs: typing writes no JSON.
    // The primary key (story, field, version) is the sequencer: a version another instance took is skipped, not
    // fatal, so the round's other texts still commit in this transaction (rolling the round back and committing each
    // text alone made a round with one such text cost a commit a text). A text that lost any of its versions loses
    // them all: those of its updates that did go in are deleted again. Returns the batches that lost.
    private static async Task<List<PendingAppend>> InsertAsync(NpgsqlConnection connection, List<PendingAppend> writing)
    {
        var count = writing.Sum(a => a.Updates.Count);
        var storyIds = new Guid[count];
        var fields = new string[count];
        var versions = new int[count];
        var clientIds = new string[count];
        var changes = new string[count];
        var userIds = new Guid[count];
        var trackings = new string?[count];
        var ats = new DateTimeOffset[count];
        var i = 0;
        foreach (var append in writing)
        {
            var version = append.FromVersion;
            foreach (var (update, userId, userName) in append.Updates)
            {
                (storyIds[i], fields[i], versions[i], clientIds[i], changes[i], userIds[i]) =
                    (append.Session.StoryId, append.Session.Field, ++version, update.ClientId, update.Changes.ToJsonString(), userId);
                var tracking = update.Tracking!;
                ats[i] = tracking.At;
                trackings[i] = TrackingJson.IsOrdinary(tracking) ? null : TrackingJson.Write(UpdateTracking.From(tracking, userName));
                i++;
            }
        }

        await using var command = new NpgsqlCommand(
            "INSERT INTO live_text_updates (story_id, field, version, client_id, changes, user_id, at, tracking) " +
            "SELECT s, f, v, c, h, u, a, k FROM unnest(@s, @f, @v, @c, @h, @u, @a, @k) AS t(s, f, v, c, h, u, a, k) " +
            "ON CONFLICT (story_id, field, version) DO NOTHING RETURNING story_id, field, version", connection);
        command.Parameters.AddWithValue("s", storyIds);
        command.Parameters.AddWithValue("f", fields);
        command.Parameters.AddWithValue("v", versions);
        command.Parameters.AddWithValue("c", clientIds);
        command.Parameters.Add(new NpgsqlParameter("h", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = changes });
        command.Parameters.AddWithValue("u", userIds);
        command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = trackings });
        command.Parameters.AddWithValue("a", ats);
        var inserted = new List<(Guid StoryId, string Field, int Version)>(count);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                inserted.Add((reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }

        if (inserted.Count == count)
        {
            return [];
        }

        // A text has one batch in a round at most: GroupCommit appends under the text's lock and awaits the commit.
        var landed = inserted.CountBy(row => (row.StoryId, row.Field)).ToDictionary();
        var lost = writing.Where(a => landed.GetValueOrDefault((a.Session.StoryId, a.Session.Field)) < a.Updates.Count).ToList();
        var undo = inserted.Where(row => lost.Any(a => a.Session.StoryId == row.StoryId && a.Session.Field == row.Field)).ToList();
        if (undo.Count > 0)
        {
            await using var delete = new NpgsqlCommand(
                "DELETE FROM live_text_updates WHERE (story_id, field, version) IN (SELECT * FROM unnest(@s, @f, @v))", connection);
            delete.Parameters.AddWithValue("s", undo.Select(row => row.StoryId).ToArray());
            delete.Parameters.AddWithValue("f", undo.Select(row => row.Field).ToArray());
            delete.Parameters.AddWithValue("v", undo.Select(row => row.Version).ToArray());
            await delete.ExecuteNonQueryAsync();
        }

        return lost;
    }

    private sealed class PendingAppend(
        TextSession session, int fromVersion, IReadOnlyList<(Update Update, Guid UserId, string UserName)> updates, IReadOnlyList<(Guid Id, string Name)> writers)
    {
        public TextSession Session { get; } = session;
        public int FromVersion { get; } = fromVersion;
        public IReadOnlyList<(Update Update, Guid UserId, string UserName)> Updates { get; } = updates;
        public IReadOnlyList<(Guid Id, string Name)> Writers { get; } = writers;
        public StoryChanged? BackToReview { get; set; }
        public TaskCompletionSource<Appended?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static async Task<StoryChanged> SendBackToReviewAsync(
        NewsroomDbContext db, TextSession session, IReadOnlyList<(Guid Id, string Name)> writers, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var story = await db.Stories.SingleAsync(s => s.Id == session.StoryId, cancellationToken);
        var from = new StorySnapshot(story.Id, story.State, story.LatestRevisionNumber);
        var (writerId, writerName) = writers[0];
        // The staged text is this field as it will be once the batch commits.
        var text = session.Text.ToString();
        var revision = story.ApplyLiveText(session.Field, text, writers.Select(w => w.Name).ToList(), writerId, now);
        revision.KeepAuthorship(session.Field, text, session.Tracked.Authorship.Runs);
        db.Revisions.Add(revision);
        db.AuditLog.Add(AuditEntry.Record(
            now, writerId, string.Join(", ", writers.Select(w => w.Name)), "PushUpdates", AuditOutcome.Succeeded,
            before: from, after: new StorySnapshot(story.Id, story.State, revision.Number)));
        return new StoryChanged(story.Id, story.Slug, story.Headline, story.State, from.State, writerId, writerName);
    }

    /// <summary>A committed batch; <see cref="BackToReview"/> when it sent an approved story back to review.</summary>
    public sealed record Appended(StoryChanged? BackToReview);
}
