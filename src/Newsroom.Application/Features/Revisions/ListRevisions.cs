using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Text;

namespace Newsroom.Application.Features.Revisions;

/// <summary>A story's revisions, newest first, each with who made it and how many words it added and removed.</summary>
public static class ListRevisions
{
    public sealed record Query(Guid StoryId) : IRequest<IReadOnlyList<RevisionRow>>;

    /// <summary>A revision; <c>GeneratedName</c>, when there is one, is what the reader sees, rendered in their language.</summary>
    public sealed record RevisionRow(
        int Number, string Name, Message? GeneratedName, string CreatedBy, DateTimeOffset CreatedAt, StoryState State, int WordsAdded, int WordsRemoved);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, IReadOnlyList<RevisionRow>>
    {
        public async Task<IReadOnlyList<RevisionRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Stories.AnyAsync(s => s.Id == query.StoryId, cancellationToken))
            {
                throw new RefusedException(Refusal.NotFound("not-found.story", query.StoryId));
            }

            var revisions = await db.Revisions.AsNoTracking()
                .Where(r => r.StoryId == query.StoryId)
                .OrderBy(r => r.Number)
                // Left join: the scheduler and the live-text saver make revisions under no account of their own.
                .Select(r => new { Revision = r, Author = db.Users.Where(u => u.Id == r.CreatedBy).Select(u => u.DisplayName).FirstOrDefault() ?? "Newsroom" })
                .ToListAsync(cancellationToken);

            // Counted against the revision before, so the list reads like a document's history.
            var rows = new List<RevisionRow>(revisions.Count);
            Revision? previous = null;
            foreach (var (revision, author) in revisions.Select(r => (r.Revision, r.Author)))
            {
                var diffs = RevisionFields.Compare(previous, revision);
                rows.Add(new RevisionRow(
                    revision.Number, revision.Name, revision.GeneratedName, author, revision.CreatedAt, revision.State,
                    diffs.Sum(d => d.Diff.WordsAdded), diffs.Sum(d => d.Diff.WordsRemoved)));
                previous = revision;
            }

            rows.Reverse();
            return rows;
        }
    }
}

/// <summary>The text fields a revision diff compares, in the order a reader meets them.</summary>
public static class RevisionFields
{
    public sealed record FieldDiff(string Field, WordDiff Diff);

    public static IReadOnlyList<FieldDiff> Compare(Revision? before, Revision after) =>
    [
        new("headline", WordDiff.Compare(before?.Headline ?? "", after.Headline)),
        new("standfirst", WordDiff.Compare(before?.Standfirst ?? "", after.Standfirst)),
        new("body", WordDiff.Compare(before?.Body ?? "", after.Body)),
    ];
}
