using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
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

/// <summary>
/// The story is published but on legal hold: readers are told it is withheld (451, RFC 7725) rather than shown it or
/// told it never existed.
/// </summary>
public sealed class ArticleWithheldException(string slug) : Exception($"Article '{slug}' is withheld for legal reasons.");

/// <summary>A published article by its slug, for anyone, from the cache.</summary>
public static class GetArticle
{
    [AllowAnonymousRequest]
    public sealed record Query(string Slug) : IRequest<Article>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Slug).NotEmpty().MaximumLength(Story.MaxSlugLength);
    }

    private sealed record Found(Article? Article, bool Withheld);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ArticleCache cache) : IRequestHandler<Query, Article>
    {
        public async Task<Article> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await cache.GetOrAddAsync<Found?>(query.Slug, async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                var story = await db.Stories.AsNoTracking()
                    .Where(s => s.Slug == query.Slug && (s.State == StoryState.Published || s.State == StoryState.Corrected))
                    .SingleOrDefaultAsync(CancellationToken.None);
                // Drafts and unpublished stories are "not found" to readers: their existence is newsroom business.
                // A held story's text is never read into the cache, only the fact that it is withheld. An unknown slug
                // is not cached at all (null), so inventing slugs cannot fill memory.
                return story is null ? null
                    : story.LegalHold ? new Found(null, Withheld: true)
                    : new Found(await ArticleReader.ReadAsync(db, story, CancellationToken.None), Withheld: false);
            });
            return found switch
            {
                { Article: { } article } => article,
                { Withheld: true } => throw new ArticleWithheldException(query.Slug),
                _ => throw new RefusedException(Refusal.NotFound("not-found.article", query.Slug)),
            };
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
                ?? throw new RefusedException(Refusal.NotFound("not-found.story", query.StoryId));
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
            .Where(Story.IsPublic)
            .Where(s => s.Id != story.Id && s.Bylines.Any(b => authorIds.Contains(b.UserId)))
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
