using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Publishing;

/// <summary>The latest published articles for an Atom feed: the whole site, one desk, or one author.</summary>
public static class GetFeed
{
    public const int Size = 50;

    [AllowAnonymousRequest]
    public sealed record Query(string? Desk = null, Guid? AuthorId = null) : IRequest<Feed>;

    public sealed record Feed(string Title, DateTimeOffset? Updated, IReadOnlyList<Entry> Entries);

    public sealed record Entry(
        Guid Id, string Slug, string Language, string Headline, string Standfirst, string Desk, IReadOnlyList<string> Authors,
        DateTimeOffset Published, DateTimeOffset Updated);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Desk).MaximumLength(Story.MaxDeskLength);
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, Feed>
    {
        public async Task<Feed> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var stories = db.Stories.AsNoTracking().Where(Story.IsPublic);
            var title = "Newsroom";
            if (query.AuthorId is { } authorId)
            {
                var name = await db.Users.Where(u => u.Id == authorId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new RefusedException(Refusal.NotFound("not-found.author", authorId));
                stories = stories.Where(s => s.Bylines.Any(b => b.UserId == authorId));
                title = $"Newsroom: {name}";
            }

            if (!string.IsNullOrWhiteSpace(query.Desk))
            {
                stories = stories.Where(s => s.Desk == query.Desk);
                title = $"Newsroom: {query.Desk}";
            }

            var rows = await stories
                .OrderByDescending(s => s.FirstPublishedAt)
                .Take(Size)
                .Select(s => new
                {
                    s.Id, s.Slug, s.Language, s.Headline, s.Standfirst, s.Desk, s.FirstPublishedAt, s.PublishedAt, s.UpdatedAt,
                    Authors = s.Bylines.OrderBy(b => b.Position).Select(b => b.UserId).ToList(),
                })
                .ToListAsync(cancellationToken);
            var ids = rows.SelectMany(r => r.Authors).Distinct().ToList();
            var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            var entries = rows.Select(r => new Entry(
                    r.Id, r.Slug, r.Language.Code(), r.Headline, r.Standfirst, r.Desk,
                    r.Authors.Where(names.ContainsKey).Select(a => names[a]).ToList(),
                    r.FirstPublishedAt ?? r.UpdatedAt, r.PublishedAt ?? r.UpdatedAt))
                .ToList();
            return new Feed(title, entries.Count == 0 ? null : entries.Max(e => e.Updated), entries);
        }
    }
}
