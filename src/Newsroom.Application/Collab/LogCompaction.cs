using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;

namespace Newsroom.Application.Collab;

/// <summary>
/// Moves a text's checkpoint forward and drops the update log behind it, so neither the log nor the text's memory
/// grows with a whole day of typing (ADR-017).
/// </summary>
/// <remarks>
/// Only a saved text is compacted, and only up to <c>keep</c> updates behind what was saved: everything behind the new
/// checkpoint is already in the story, and a client at most <c>keep</c> (a pull's worth) behind can still pull and push
/// as before; one further behind opens the text afresh, as it already had to. Behind the checkpoint the log keeps each
/// writer's newest update, as the record of who wrote the text (nobody approves their own words). Comments anchored
/// to a version that leaves the log are mapped to the checkpoint first, so they keep following the text.
/// </remarks>
public sealed class LogCompaction(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// True if the text now holds fewer updates (the checkpoint moved, here or on another instance); false if it had
    /// unsaved edits or nothing to drop.
    /// </summary>
    public async Task<bool> CompactAsync(TextSession session, int keep, CancellationToken cancellationToken)
    {
        await session.Gate.WaitAsync(cancellationToken);
        int saved;
        try
        {
            if (session.Dirty)
            {
                return false;
            }

            saved = session.Version;
        }
        finally
        {
            session.Gate.Release();
        }

        var to = saved - keep;
        if (to <= session.BaseVersion || await MoveCheckpointAsync(session, to, cancellationToken) is not { } forget)
        {
            return false;
        }

        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            session.TrimTo(forget);
        }
        finally
        {
            session.Gate.Release();
        }

        return true;
    }

    private async Task<int?> MoveCheckpointAsync(TextSession session, int to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The checkpoint row is the text's compaction lock: a second instance compacting the same text waits, then
        // finds it moved. Pushes lock the story, not this row, so they go on meanwhile.
        var checkpoint = await db.LiveTexts
            .FromSql($"SELECT * FROM live_texts WHERE story_id = {session.StoryId} AND field = {session.Field} FOR UPDATE")
            .SingleAsync(cancellationToken);
        var from = checkpoint.BaseVersion;
        if (to <= from)
        {
            // Another instance compacted past this point already: this copy forgets as much, and the log is left as is.
            return to;
        }

        var leaving = (await db.LiveTextUpdates.AsNoTracking()
                .Where(u => u.StoryId == session.StoryId && u.Field == session.Field && u.Version > from && u.Version <= to)
                .OrderBy(u => u.Version)
                .ToListAsync(cancellationToken))
            .Select(u => TrackingJson.ReadUpdate(u.Field, u.Version, u.ClientId, u.Changes, u.Tracking, u.UserId, u.At).Update)
            .ToList();
        if (leaving.Count != to - from)
        {
            return null;
        }

        // The suggestions and authorship move with the text, as every replica moves them: the checkpoint keeps them.
        var tracked = TrackingJson.ReadState(checkpoint.Tracked);
        var firstAuthor = tracked is null ? await UpdateLog.FirstAuthorAsync(db, session.StoryId, checkpoint.BaseText, cancellationToken) : "";
        var replica = new TextSession(session.StoryId, session.Field, from, checkpoint.BaseText, tracked, firstAuthor);
        foreach (var update in leaving)
        {
            replica.Apply(update);
        }

        var anchored = await db.Comments
            .Where(c => c.StoryId == session.StoryId && c.AnchorField == session.Field && c.AnchorLiveVersion >= from && c.AnchorLiveVersion < to)
            .ToListAsync(cancellationToken);
        foreach (var comment in anchored)
        {
            var (start, end) = RangeMapping.Map(leaving.Skip(comment.AnchorLiveVersion!.Value - from), comment.AnchorFrom!.Value, comment.AnchorTo!.Value);
            comment.Reanchor(to, start, end);
        }

        checkpoint.MoveTo(to, replica.Text.ToString(), TrackingJson.Write(replica.Tracked.State), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await db.LiveTextUpdates
            .Where(u => u.StoryId == session.StoryId && u.Field == session.Field && u.Version <= to
                        && db.LiveTextUpdates.Any(n => n.StoryId == u.StoryId && n.Field == u.Field && n.UserId == u.UserId && n.Version > u.Version))
            .ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return to;
    }
}
