using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Text;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Publishing;

/// <summary>A story as readers see it. <see cref="BodyHtml"/> is already sanitized; everything else is plain text.</summary>
public sealed record Article(
    Guid Id,
    string Slug,
    string Language,
    string Direction,
    string Desk,
    string Headline,
    string Standfirst,
    string BodyHtml,
    LeadImage LeadImage,
    IReadOnlyList<ArticleAuthor> Authors,
    IReadOnlyList<string> Tags,
    StoryState State,
    DateTimeOffset? FirstPublishedAt,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<ArticleCorrection> Corrections,
    IReadOnlyList<ArticleTeaser> MoreFromAuthors,
    int ReadingMinutes)
{
    public bool IsLive => State is StoryState.Published or StoryState.Corrected;
}

public sealed record ArticleAuthor(Guid Id, string DisplayName, string Bio);

public sealed record ArticleCorrection(DateTimeOffset At, string Note);

public sealed record ArticleTeaser(string Slug, string Headline, string Language, string Direction, DateTimeOffset? PublishedAt);

/// <summary>A published article by its slug, for anyone, from the cache.</summary>
public static class GetArticle
{
    [AllowAnonymousRequest]
    public sealed record Query(string Slug) : IRequest<Article>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Slug).NotEmpty().MaximumLength(Story.MaxSlugLength);
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ArticleCache cache) : IRequestHandler<Query, Article>
    {
        public async Task<Article> Handle(Query query, CancellationToken cancellationToken)
        {
            var article = await cache.GetOrAddAsync(query.Slug, async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == query.Slug, CancellationToken.None);
                // Drafts and unpublished stories are "not found" to readers: their existence is newsroom business.
                return story is { State: StoryState.Published or StoryState.Corrected }
                    ? await ArticleReader.ReadAsync(db, story, CancellationToken.None)
                    : null;
            });
            return article ?? throw new NotFoundException($"Article '{query.Slug}'");
        }
    }
}

/// <summary>Any story, in any state, exactly as it would look published: for the newsroom before it goes out.</summary>
public static class GetArticlePreview
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Query(Guid StoryId) : IRequest<Article>;

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, Article>
    {
        public async Task<Article> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.StoryId, cancellationToken)
                ?? throw new NotFoundException($"Story {query.StoryId}");
            return await ArticleReader.ReadAsync(db, story, cancellationToken);
        }
    }
}

internal static class ArticleReader
{
    public static async Task<Article> ReadAsync(NewsroomDbContext db, Story story, CancellationToken cancellationToken)
    {
        var authorIds = story.Bylines.OrderBy(b => b.Position).Select(b => b.UserId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new ArticleAuthor(u.Id, u.DisplayName, u.Bio), cancellationToken);
        var more = await db.Stories.AsNoTracking()
            .Where(s => s.Id != story.Id
                && (s.State == StoryState.Published || s.State == StoryState.Corrected)
                && s.Bylines.Any(b => authorIds.Contains(b.UserId)))
            .OrderByDescending(s => s.FirstPublishedAt)
            .Take(5)
            .Select(s => new { s.Slug, s.Headline, s.Language, s.FirstPublishedAt })
            .ToListAsync(cancellationToken);
        return new Article(
            story.Id, story.Slug, story.Language.Code(), story.Language.DirAttribute(), story.Desk, story.Headline,
            story.Standfirst, ArticleHtml.FromMarkdown(story.Body), story.LeadImage,
            authorIds.Where(people.ContainsKey).Select(id => people[id]).ToList(), story.Tags, story.State,
            story.FirstPublishedAt, story.PublishedAt,
            story.Corrections.Select(c => new ArticleCorrection(c.At, c.Note)).ToList(),
            more.Select(s => new ArticleTeaser(s.Slug, s.Headline, s.Language.Code(), s.Language.DirAttribute(), s.FirstPublishedAt)).ToList(),
            // Counted as the editor counts it (TextMeasures), from the Markdown the reporter wrote.
            TextMeasures.Measure([story.Headline, story.Standfirst, story.Body]).ReadingMinutes);
    }
}
