using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Collab;
using Newsroom.Application.Data;

namespace Newsroom.Application.Features.Comments;

/// <summary>A story's threads, oldest first, each with its replies.</summary>
public static class ListComments
{
    public sealed record Query(Guid StoryId) : IRequest<IReadOnlyList<Thread>>;

    public sealed record Thread(CommentRow Comment, bool IsResolved, string? ResolvedBy, IReadOnlyList<CommentRow> Replies);

    public sealed record CommentRow(
        Guid Id, string Author, string Body, DateTimeOffset CreatedAt, string? AnchorField, int? AnchorFrom, int? AnchorTo,
        int? AnchorRevision);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, LiveTexts liveTexts) : IRequestHandler<Query, IReadOnlyList<Thread>>
    {
        public async Task<IReadOnlyList<Thread>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var comments = await db.Comments.AsNoTracking()
                .Where(c => c.StoryId == query.StoryId)
                .OrderBy(c => c.CreatedAt)
                .Select(c => new
                {
                    c.Id,
                    c.ParentId,
                    c.IsResolved,
                    c.AnchorLiveVersion,
                    ResolvedBy = db.Users.Where(u => u.Id == c.ResolvedBy).Select(u => u.DisplayName).FirstOrDefault(),
                    Row = new CommentRow(
                        c.Id, db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.DisplayName).First(), c.Body, c.CreatedAt,
                        c.AnchorField, c.AnchorFrom, c.AnchorTo, c.AnchorRevision),
                })
                .ToListAsync(cancellationToken);
            var replies = comments.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value, c => c.Row);
            var threads = new List<Thread>();
            foreach (var c in comments.Where(c => c.ParentId is null))
            {
                var row = c.Row;
                if (c.AnchorLiveVersion is { } version && row.AnchorField is { } field)
                {
                    // The anchor follows the live text: where the range is now, not where it was when written.
                    var (from, to) = await liveTexts.MapRangeAsync(query.StoryId, field, version, row.AnchorFrom!.Value, row.AnchorTo!.Value, cancellationToken);
                    row = row with { AnchorFrom = from, AnchorTo = to };
                }

                threads.Add(new Thread(row, c.IsResolved, c.ResolvedBy, replies[c.Id].ToList()));
            }

            return threads;
        }
    }
}
