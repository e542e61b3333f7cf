using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Data;
using Newsroom.Domain.Collab;
using Npgsql;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>A push that cannot be accepted; the text is unchanged and the message says why.</summary>
public sealed class PushRefusedException(string message) : Exception(message);

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
public sealed class LiveTexts(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock)
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
            return session.Since(version).Select(Accepted).ToList();
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>
    /// Accepts updates made against <paramref name="baseVersion"/>: rebased over anything accepted since, checked,
    /// committed to the log, and only then returned for broadcast.
    /// </summary>
    public async Task<(int FromVersion, IReadOnlyList<AcceptedUpdate> Accepted)> PushAsync(
        Guid storyId, string field, int baseVersion, IReadOnlyList<Update> updates, Guid userId, string userName,
        int maxLength, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(storyId, field, cancellationToken);
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await CatchUpAsync(session, cancellationToken);
                CheckVersion(session, baseVersion);
                CheckLengths(updates, session.LengthAt(baseVersion));
                if (updates.FirstOrDefault(u => !session.MayUse(u.ClientId, userId)) is { } taken)
                {
                    // Updates are confirmed and de-duplicated by client id: one person must never speak for another's.
                    throw new PushRefusedException($"The client id '{taken.ClientId}' belongs to someone else's editor; make a new one.");
                }

                var rebased = Rebase.RebaseUpdates(updates, session.Since(baseVersion));
                if (rebased.Count == 0)
                {
                    return (session.Version, []);
                }

                // One pass over the text per push, however many keystrokes it carries.
                var combined = rebased.Skip(1).Aggregate(rebased[0].Changes, (all, next) => all.Compose(next.Changes));
                if (PushLimits.CheckBoundaries(combined, session.Text) is { } split)
                {
                    throw new PushRefusedException(split);
                }

                if (combined.Length != session.Text.Length)
                {
                    throw new PushRefusedException("The push does not add up to a consistent text.");
                }

                if (combined.NewLength > maxLength)
                {
                    throw new PushRefusedException($"The {field} would be {combined.NewLength:N0} characters; the limit is {maxLength:N0}.");
                }

                var from = session.Version;
                if (await TryAppendAsync(session, rebased, userId, cancellationToken))
                {
                    session.Accept(rebased, combined, userName, clock.GetUtcNow(), userId);
                    return (from, rebased.Select(u => new AcceptedUpdate(u.ClientId, u.Changes.ToJson())).ToList());
                }

                if (attempt == Attempts)
                {
                    throw new PushRefusedException("The text is too busy to take this push right now; it will be sent again.");
                }

                // Another instance took the version: back off a random moment so two instances do not retry in step.
                await Task.Delay(Random.Shared.Next(1, 4 * attempt), cancellationToken);
            }
        }
        finally
        {
            session.Gate.Release();
        }
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
    /// the next save cannot bring the old text back. Null when the text is already that.
    /// </summary>
    public async Task<(int FromVersion, IReadOnlyList<AcceptedUpdate> Accepted)?> ReplaceAsync(
        Guid storyId, string field, string text, Guid userId, string userName, CancellationToken cancellationToken)
    {
        var (version, current) = await JoinAsync(storyId, field, cancellationToken);
        if (current == text)
        {
            return null;
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
        return await PushAsync(storyId, field, version, [new Update($"server-{Guid.NewGuid():N}", change)], userId, userName,
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
            throw new PushRefusedException($"Version {version} does not exist yet; the text is at {session.Version}. Join again.");
        }

        if (version < session.BaseVersion)
        {
            throw new PushRefusedException($"Version {version} is older than the oldest kept ({session.BaseVersion}). Join again.");
        }
    }

    private static void CheckLengths(IReadOnlyList<Update> updates, int length)
    {
        foreach (var update in updates)
        {
            if (update.Changes.Length != length)
            {
                throw new PushRefusedException(
                    $"An update from {update.ClientId} expects a text of {update.Changes.Length} characters, but at that version it had {length}.");
            }

            foreach (var inserted in update.Changes.InsertedTexts())
            {
                if (PushLimits.CheckInserted(inserted) is { } lone)
                {
                    throw new PushRefusedException(lone);
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
                ?? throw new NotFoundException($"Story {storyId}");
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
            session.Accept([new Update(row.ClientId, changes)], changes, author: null, row.At, row.UserId);
        }
    }

    private async Task<bool> TryAppendAsync(Session session, IReadOnlyList<Update> updates, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var version = session.Version;
        db.LiveTextUpdates.AddRange(updates.Select(u => LiveTextUpdate.Record(session.StoryId, session.Field, ++version, u, userId, now)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    private static AcceptedUpdate Accepted(Update update) => new(update.ClientId, update.Changes.ToJson());

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

        /// <summary>Takes in committed updates; <paramref name="combined"/> is all of them as one change.</summary>
        public void Accept(IReadOnlyList<Update> updates, ChangeSet combined, string? author, DateTimeOffset at, Guid authorId)
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

            combined.ApplyTo(Text);
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
