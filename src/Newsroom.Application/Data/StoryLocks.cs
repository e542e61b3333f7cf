using Microsoft.EntityFrameworkCore;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data;

/// <summary>
/// Every write that changes a story's state or numbers its next revision takes the story's row first, inside its
/// transaction. One order for everyone (row, then revision) means a workflow step, a live push to an approved story
/// and the scheduler queue behind each other instead of deadlocking over the next revision number.
/// </summary>
public static class StoryLocks
{
    /// <summary>Locks the story's row until the transaction ends and returns its state, or null if there is no such story.</summary>
    /// <remarks>
    /// FOR NO KEY UPDATE, not FOR UPDATE: inserting a revision or a comment checks its foreign key with a KEY SHARE
    /// lock on the story, which this one lets through.
    /// </remarks>
    public static async Task<StoryState?> LockStoryAsync(this NewsroomDbContext db, Guid storyId, CancellationToken cancellationToken)
    {
        var state = await db.Database
            .SqlQuery<string>($"SELECT state AS \"Value\" FROM stories WHERE id = {storyId} FOR NO KEY UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        return state is null ? null : Enum.Parse<StoryState>(state);
    }
}
