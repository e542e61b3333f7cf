using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Workflow;

/// <summary>Whether a story makes everyone's live edits suggestions now; hosts tell the story's open editors.</summary>
public sealed record SuggestOnlyChanged(Guid StoryId, bool On) : INotification;

/// <summary>
/// Announces <see cref="SuggestOnlyChanged"/> whenever the answer of <see cref="SuggestOnly.Applies(StoryState, bool)"/>
/// may have changed: the story entered or left review, or an editor changed the setting while it was in review. Reads
/// the two columns itself rather than through a request, since the live core's own announcements come with no
/// signed-in user.
/// </summary>
public sealed class AnnounceSuggestOnly(IDbContextFactory<NewsroomDbContext> dbFactory, IMediator mediator) : INotificationHandler<StoryChanged>
{
    public async Task Handle(StoryChanged change, CancellationToken cancellationToken)
    {
        if (change.State != StoryState.InReview && change.FromState != StoryState.InReview)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var story = await db.Stories.AsNoTracking().Where(s => s.Id == change.StoryId)
            .Select(s => new { s.State, s.SuggestOnlyInReview })
            .SingleOrDefaultAsync(cancellationToken);
        if (story is not null)
        {
            await mediator.Publish(new SuggestOnlyChanged(change.StoryId, SuggestOnly.Applies(story.State, story.SuggestOnlyInReview)), cancellationToken);
        }
    }
}
