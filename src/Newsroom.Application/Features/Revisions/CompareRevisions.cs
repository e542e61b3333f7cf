using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Text;

namespace Newsroom.Application.Features.Revisions;

/// <summary>A word-level diff of two revisions, field by field, that reads correctly in Arabic as in English.</summary>
public static class CompareRevisions
{
    public sealed record Query(Guid StoryId, int From, int To) : IRequest<Comparison>;

    /// <summary><paramref name="Writers"/> names every writer an insertion's <see cref="DiffSegment.Writer"/> holds.</summary>
    public sealed record Comparison(
        int From, int To, string Language, string Direction, IReadOnlyList<FieldComparison> Fields, IReadOnlyDictionary<string, string> Writers);

    public sealed record FieldComparison(string Field, IReadOnlyList<DiffSegment> Segments, int WordsAdded, int WordsRemoved);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).GreaterThan(0);
            RuleFor(q => q.To).GreaterThan(0);
        }
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, Comparison>
    {
        public async Task<Comparison> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var language = await db.Stories.Where(s => s.Id == query.StoryId).Select(s => (StoryLanguage?)s.Language)
                .SingleOrDefaultAsync(cancellationToken) ?? throw new RefusedException(Refusal.NotFound("not-found.story", query.StoryId));
            var revisions = await db.Revisions.AsNoTracking()
                .Where(r => r.StoryId == query.StoryId && (r.Number == query.From || r.Number == query.To))
                .ToDictionaryAsync(r => r.Number, cancellationToken);
            var from = revisions.GetValueOrDefault(query.From) ?? throw new RefusedException(Refusal.NotFound("not-found.revision", query.From));
            var to = revisions.GetValueOrDefault(query.To) ?? throw new RefusedException(Refusal.NotFound("not-found.revision", query.To));

            // Each addition is the newer revision's text, so its authorship says who wrote it (none kept: unattributed).
            var fields = RevisionFields.Compare(from, to)
                .Select(f => (f.Field, Diff: f.Diff.AttributedTo(to.Authorship?.GetValueOrDefault(f.Field))))
                .Select(f => new FieldComparison(f.Field, f.Diff.Segments, f.Diff.WordsAdded, f.Diff.WordsRemoved))
                .ToList();
            var writerIds = fields.SelectMany(f => f.Segments).Select(s => s.Writer)
                .Select(id => Guid.TryParse(id, out var guid) ? guid : (Guid?)null).OfType<Guid>().Distinct().ToList();
            var writers = await db.Users.AsNoTracking().Where(u => writerIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id.ToString("D"), u => u.DisplayName, cancellationToken);
            return new Comparison(query.From, query.To, language.Code(), language.DirAttribute(), fields, writers);
        }
    }
}
