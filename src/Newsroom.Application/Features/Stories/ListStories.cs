using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Stories;

public static class ListStories
{
    public sealed record Query(StoryState? State = null, string? Desk = null) : IRequest<IReadOnlyList<StorySummary>>;

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

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory)
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

            return await stories
                .OrderByDescending(s => s.UpdatedAt)
                .Select(s => new { s.Id, s.Slug, s.Language, s.Desk, s.Headline, s.State, s.UpdatedAt, s.Deadline })
                .AsAsyncEnumerable()
                .Select(s => new StorySummary(
                    s.Id, s.Slug, s.Language.Code(), s.Language.DirAttribute(), s.Desk, s.Headline, s.State, s.UpdatedAt,
                    s.Deadline))
                .ToListAsync(cancellationToken);
        }
    }
}
