using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>
/// Writes shared texts that have been idle for a moment back to their stories, each as a revision named for the
/// people who wrote it. Sent by the host's timer as the System role.
/// </summary>
public static class SaveLiveTexts
{
    public static readonly TimeSpan IdlePause = TimeSpan.FromSeconds(5);

    [AllowedRoles(Roles.System)]
    public sealed record Command(TimeSpan? Idle = null) : IRequest<int>, IFrequentRequest;

    public sealed class Handler(LiveTexts texts, IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock, IMediator mediator)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var saved = 0;
            foreach (var (storyId, field) in texts.IdleDirtyTexts(command.Idle ?? IdlePause))
            {
                if (await texts.TakeForSavingAsync(storyId, field, cancellationToken) is not { } live)
                {
                    continue;
                }

                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var story = await db.Stories.SingleOrDefaultAsync(s => s.Id == storyId, cancellationToken);
                if (story is null)
                {
                    continue;
                }

                var from = story.State;
                if (story.State is StoryState.Published or StoryState.Corrected or StoryState.Spiked)
                {
                    // A push that raced a publish must not change what readers see: it stays in the log only.
                    await texts.MarkSavedAsync(storyId, field, live.Version, cancellationToken);
                    continue;
                }

                if (story.LiveField(field) != live.Text)
                {
                    db.Revisions.Add(story.ApplyLiveText(field, live.Text, live.Authors, live.LastAuthorId, clock.GetUtcNow()));
                    await db.SaveChangesAsync(cancellationToken);
                    await mediator.Publish(new StoryChanged(story.Id, story.Slug, story.Headline, story.State, from), cancellationToken);
                    saved++;
                }

                await texts.MarkSavedAsync(storyId, field, live.Version, cancellationToken);
            }

            return saved;
        }
    }
}
