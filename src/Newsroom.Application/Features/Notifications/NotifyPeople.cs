using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Comments;
using Newsroom.Application.Features.Workflow;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Comments;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Notifications;

/// <summary>People's bells were given something new; hosts push the news to their open pages.</summary>
public sealed record NotificationsCreated(IReadOnlyList<Guid> UserIds) : IInstanceNews;

/// <summary>
/// Turns what happened to a story into notifications for the people it concerns: the story's bylines and assignees
/// when its state changes, people newly assigned, people mentioned in a comment. Nobody is told of their own act.
/// </summary>
public sealed class NotifyPeople(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock, IMediator mediator)
    : INotificationHandler<StoryChanged>, INotificationHandler<StoryAssigned>, INotificationHandler<CommentAdded>
{
    public async Task Handle(StoryChanged change, CancellationToken cancellationToken)
    {
        if (change.FromState is not { } from || from == change.State)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var story = await db.Stories.AsNoTracking().SingleAsync(s => s.Id == change.StoryId, cancellationToken);
        var people = story.Bylines.Select(b => b.UserId).Concat(story.AssignedReporterIds);
        if (story.ReviewerId is { } reviewer)
        {
            people = people.Append(reviewer);
        }

        // An approval that lapsed because the text changed: whoever gave it must know it no longer stands.
        if (from is StoryState.Approved or StoryState.Scheduled && change.State == StoryState.InReview && story.ApprovedBy is { } approver)
        {
            people = people.Append(approver);
        }

        await NotifyAsync(db, people.Where(id => id != change.ActorId), change.StoryId, NotificationKind.StateChanged,
            Notification.StateChanged(change.Headline, change.State, change.ActorName), cancellationToken);
    }

    public async Task Handle(StoryAssigned assigned, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await NotifyAsync(db, assigned.UserIds, assigned.StoryId, NotificationKind.Assigned,
            Notification.Assigned(assigned.AssignedBy, assigned.Headline), cancellationToken);
    }

    public async Task Handle(CommentAdded comment, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await NotifyAsync(db, comment.Mentioned, comment.StoryId, NotificationKind.Mentioned,
            Notification.Mentioned(comment.AuthorName, comment.Headline), cancellationToken);
    }

    private async Task NotifyAsync(
        NewsroomDbContext db, IEnumerable<Guid> userIds, Guid storyId, NotificationKind kind, Message message,
        CancellationToken cancellationToken)
    {
        var recipients = userIds.Distinct().ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.Notifications.AddRange(recipients.Select(id => Notification.For(id, storyId, kind, message, now)));
        await db.SaveChangesAsync(cancellationToken);
        await mediator.Publish(new NotificationsCreated(recipients), cancellationToken);
    }
}
