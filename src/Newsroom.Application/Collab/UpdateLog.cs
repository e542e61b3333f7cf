using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;
using Npgsql;

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
public sealed class UpdateLog(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>A text's session from its checkpoint, starting the checkpoint from the story's field on first use.</summary>
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

        return new TextSession(storyId, field, checkpoint.BaseVersion, checkpoint.BaseText);
    }

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
    public async Task<Appended?> TryAppendAsync(
        TextSession session, IReadOnlyList<(Update Update, Guid UserId)> updates, IReadOnlyList<(Guid Id, string Name)> writers,
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
        NewsroomDbContext db, TextSession session, IReadOnlyList<(Guid Id, string Name)> writers, DateTimeOffset now,
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

    /// <summary>A committed batch; <see cref="BackToReview"/> when it sent an approved story back to review.</summary>
    public sealed record Appended(StoryChanged? BackToReview);
}
