using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Data;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Stories;

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
        IReadOnlyList<BylineAuthor> Byline,
        IReadOnlyList<string> Tags,
        int? WordBudget,
        DateTimeOffset? Deadline,
        DateTimeOffset? EmbargoUntil,
        bool LegalHold,
        StoryState State,
        int RevisionNumber,
        DateTimeOffset UpdatedAt,
        uint Version);

    public sealed record BylineAuthor(Guid UserId, string DisplayName);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, StoryDetails>
    {
        public async Task<StoryDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.StoryId, cancellationToken)
                ?? throw new NotFoundException($"Story {query.StoryId}");
            var authorIds = story.Bylines.Select(b => b.UserId).ToList();
            var names = await db.Users.AsNoTracking()
                .Where(u => authorIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            return new StoryDetails(
                story.Id, story.Slug, story.Language.Code(), story.Language.DirAttribute(), story.Desk, story.Headline,
                story.Standfirst, story.Body, story.LeadImage,
                story.Bylines.OrderBy(b => b.Position).Select(b => new BylineAuthor(b.UserId, names.GetValueOrDefault(b.UserId, ""))).ToList(),
                story.Tags, story.WordBudget, story.Deadline, story.EmbargoUntil, story.LegalHold, story.State,
                story.LatestRevisionNumber, story.UpdatedAt, story.Version);
        }
    }
}
