using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Stories;

public enum StoryView
{
    All,

    /// <summary>Stories I am bylined on or assigned to.</summary>
    Mine,

    /// <summary>Stories in review that are mine to review, or that nobody has been named to review.</summary>
    ReviewQueue,
}

public static class ListStories
{
    public sealed record Query(
        StoryState? State = null,
        string? Desk = null,
        Guid? AssigneeId = null,
        string? Search = null,
        StoryView View = StoryView.All) : IRequest<IReadOnlyList<StorySummary>>;

    public sealed record StorySummary(
        Guid Id,
        string Slug,
        string Language,
        string Direction,
        string Desk,
        string Headline,
        StoryState State,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? Deadline);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Search).MaximumLength(200);
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user)
        : IRequestHandler<Query, IReadOnlyList<StorySummary>>
    {
        public async Task<IReadOnlyList<StorySummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var stories = db.Stories.AsNoTracking();
            if (query.State is { } state)
            {
                stories = stories.Where(s => s.State == state);
            }

            if (!string.IsNullOrWhiteSpace(query.Desk))
            {
                stories = stories.Where(s => s.Desk == query.Desk);
            }

            if (query.AssigneeId is { } assignee)
            {
                stories = stories.Where(s => s.AssignedReporterIds.Contains(assignee) || s.ReviewerId == assignee);
            }

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = $"%{EscapeLike(query.Search.Trim())}%";
                stories = stories.Where(s => EF.Functions.ILike(s.Headline, pattern, "\\"));
            }

            var me = user.Id ?? Guid.Empty;
            stories = query.View switch
            {
                StoryView.Mine => stories.Where(s =>
                    s.Bylines.Any(b => b.UserId == me) || s.AssignedReporterIds.Contains(me) || s.ReviewerId == me),
                StoryView.ReviewQueue => stories.Where(s =>
                    s.State == StoryState.InReview && (s.ReviewerId == me || s.ReviewerId == null)),
                _ => stories,
            };

            return await stories
                .OrderByDescending(s => s.UpdatedAt)
                .Take(500)
                .Select(s => new { s.Id, s.Slug, s.Language, s.Desk, s.Headline, s.State, s.UpdatedAt, s.Deadline })
                .AsAsyncEnumerable()
                .Select(s => new StorySummary(
                    s.Id, s.Slug, s.Language.Code(), s.Language.DirAttribute(), s.Desk, s.Headline, s.State, s.UpdatedAt,
                    s.Deadline))
                .ToListAsync(cancellationToken);
        }

        private static string EscapeLike(string text) =>
            text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
    }
}
