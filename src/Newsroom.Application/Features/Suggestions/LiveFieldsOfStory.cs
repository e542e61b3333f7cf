using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Features.Suggestions;

/// <summary>
/// The fields of a story being written live (those with a checkpoint), in headline, standfirst, body order. Only
/// these can hold suggestions or authorship; asking the live core about another would open it.
/// </summary>
public static class LiveFieldsOfStory
{
    public static async Task<IReadOnlyList<string>> ReadAsync(NewsroomDbContext db, Guid storyId, CancellationToken cancellationToken)
    {
        var live = await db.LiveTexts.Where(t => t.StoryId == storyId).Select(t => t.Field).ToListAsync(cancellationToken);
        if (live.Count == 0 && !await db.Stories.AnyAsync(s => s.Id == storyId, cancellationToken))
        {
            throw new RefusedException(Refusal.NotFound("not-found.story", storyId));
        }

        return [.. LiveFields.All.Where(live.Contains)];
    }
}
