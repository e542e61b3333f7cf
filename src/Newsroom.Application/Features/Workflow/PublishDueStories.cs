using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>
/// Publishes every scheduled story whose embargo has passed and that nothing holds back (a legal hold keeps it Scheduled
/// until lifted). Sent by the host's scheduler, never by a person.
/// </summary>
public static class PublishDueStories
{
    [AllowedRoles(Roles.System)]
    public sealed record Command : IRequest<int>, IFrequentRequest;

    public sealed class Handler(
        IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock, IMediator mediator, ILiveTracking tracking)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var candidates = await db.Stories
                .Where(s => s.State == StoryState.Scheduled && s.EmbargoUntil <= now)
                .OrderBy(s => s.Id)
                .Select(s => s.Id)
                .ToListAsync(cancellationToken);
            // Open suggestions are read before the locks, as every story change reads its live texts (StoryTransaction).
            var openSuggestions = new Dictionary<Guid, int>();
            foreach (var id in candidates)
            {
                openSuggestions[id] = (await tracking.ReadAsync(db, id, cancellationToken)).OpenSuggestions;
            }

            foreach (var id in candidates)
            {
                await db.LockStoryAsync(id, cancellationToken);
            }

            // Read again under the locks: a live push may have sent one back to review meanwhile. Held stories are read
            // too and left Scheduled by the domain's rule, so the hold is decided in one place.
            var due = (await db.Stories
                    .Where(s => candidates.Contains(s.Id) && s.State == StoryState.Scheduled && s.EmbargoUntil <= now)
                    .ToListAsync(cancellationToken))
                .Where(s => s.CheckScheduledRelease(now, openSuggestions[s.Id]) is null)
                .ToList();
            foreach (var story in due)
            {
                var revision = story.PublishScheduled(user.Id ?? Guid.Empty, now, openSuggestions[story.Id]);
                db.Revisions.Add(revision);
                // Audited per story here rather than by the pipeline: a tick that publishes nothing is not news.
                db.AuditLog.Add(AuditEntry.Record(
                    now, user.Id, user.Name, "PublishScheduled", AuditOutcome.Succeeded,
                    before: new StorySnapshot(story.Id, StoryState.Scheduled, revision.Number - 1),
                    after: new StorySnapshot(story.Id, story.State, revision.Number)));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var story in due)
            {
                await mediator.Publish(
                    new StoryChanged(story.Id, story.Slug, story.Headline, story.State, StoryState.Scheduled, user.Id, user.Name),
                    cancellationToken);
            }

            return due.Count;
        }
    }
}
