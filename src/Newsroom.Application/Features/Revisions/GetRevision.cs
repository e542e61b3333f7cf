using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Revisions;

public static class GetRevision
{
    public sealed record Query(Guid StoryId, int Number) : IRequest<RevisionDetails>;

    public sealed record RevisionDetails(
        int Number, string Name, Message? GeneratedName, string CreatedBy, DateTimeOffset CreatedAt, StoryState State, string Language,
        string Direction, string Headline, string Standfirst, string Body, LeadImage LeadImage, IReadOnlyList<string> Tags);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, RevisionDetails>
    {
        public async Task<RevisionDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var found = await db.Revisions.AsNoTracking()
                .Where(r => r.StoryId == query.StoryId && r.Number == query.Number)
                .Join(db.Stories, r => r.StoryId, s => s.Id, (r, s) => new { Revision = r, s.Language })
                .Select(x => new { x.Revision, x.Language, Author = db.Users.Where(u => u.Id == x.Revision.CreatedBy).Select(u => u.DisplayName).FirstOrDefault() ?? "Newsroom" })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.revision", query.Number));
            var r = found.Revision;
            return new RevisionDetails(
                r.Number, r.Name, r.GeneratedName, found.Author, r.CreatedAt, r.State, found.Language.Code(), found.Language.DirAttribute(),
                r.Headline, r.Standfirst, r.Body, r.LeadImage, r.Tags);
        }
    }
}
