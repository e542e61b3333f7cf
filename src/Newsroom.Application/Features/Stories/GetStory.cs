using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;

namespace Newsroom.Application.Features.Stories;

/// <summary>
/// One story as its workspace shows it, with what the signed-in person may do to it now and, for each thing they
/// may not, why ("Can't publish: 2 unresolved comments").
/// </summary>
public static class GetStory
{
    public sealed record Query(Guid StoryId) : IRequest<StoryDetails>;

    public sealed record StoryDetails(
        Guid Id,
        string Slug,
        string Language,
        string Direction,
        string Desk,
        string Headline,
        string Standfirst,
        string Body,
        LeadImage LeadImage,
        IReadOnlyList<Person> Byline,
        IReadOnlyList<Person> AssignedReporters,
        Person? Reviewer,
        IReadOnlyList<string> Tags,
        int? WordBudget,
        DateTimeOffset? Deadline,
        DateTimeOffset? EmbargoUntil,
        bool LegalHold,
        StoryState State,
        int RevisionNumber,
        int? ApprovedRevisionNumber,
        int UnresolvedComments,
        IReadOnlyList<StoryCorrection> Corrections,
        DateTimeOffset? PublishedAt,
        DateTimeOffset UpdatedAt,
        uint Version,
        IReadOnlyList<ActionState> Actions,
        string? LegalHoldReason,
        bool SuggestOnlyInReview = false,
        int OpenSuggestions = 0);

    public sealed record Person(Guid UserId, string DisplayName);

    public sealed record ActionState(StoryAction Action, bool Allowed, Refusal? Reason);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock,
        ILiveTracking tracking)
        : IRequestHandler<Query, StoryDetails>
    {
        public async Task<StoryDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.StoryId, cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.story", query.StoryId));
            var people = story.Bylines.Select(b => b.UserId).Concat(story.AssignedReporterIds).ToList();
            if (story.ReviewerId is { } reviewerId)
            {
                people.Add(reviewerId);
            }

            var names = await db.Users.AsNoTracking()
                .Where(u => people.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            Person PersonOf(Guid id) => new(id, names.GetValueOrDefault(id, ""));

            var live = await tracking.ReadAsync(db, story.Id, cancellationToken);
            var context = await StoryTransaction.ContextAsync(db, story.Id, clock.GetUtcNow(), live, cancellationToken);
            var actor = Actor.From(user.Id!.Value, user.Name, user.IsInRole);
            var actions = story.CheckAll(actor, context)
                .Select(a => new ActionState(a.Key, a.Value is null, a.Value))
                .ToList();

            return new StoryDetails(
                story.Id, story.Slug, story.Language.Code(), story.Language.DirAttribute(), story.Desk, story.Headline,
                story.Standfirst, story.Body, story.LeadImage,
                story.Bylines.OrderBy(b => b.Position).Select(b => PersonOf(b.UserId)).ToList(),
                story.AssignedReporterIds.Select(PersonOf).ToList(),
                story.ReviewerId is { } reviewer ? PersonOf(reviewer) : null,
                story.Tags, story.WordBudget, story.Deadline, story.EmbargoUntil, story.LegalHold, story.State,
                story.LatestRevisionNumber, story.ApprovedRevisionNumber, context.UnresolvedComments, story.Corrections,
                story.PublishedAt, story.UpdatedAt, story.Version, actions, story.LegalHoldReason, story.SuggestOnlyInReview,
                context.OpenSuggestions);
        }
    }
}
