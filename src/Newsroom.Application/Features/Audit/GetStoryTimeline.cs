using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using static Newsroom.Application.Features.Audit.GetAuditLog;

namespace Newsroom.Application.Features.Audit;

/// <summary>
/// One story's audit trail, oldest first, for everyone working on it. The whole newsroom's log stays with editors
/// (<see cref="GetAuditLog"/>).
/// </summary>
public static class GetStoryTimeline
{
    public sealed record Query(Guid StoryId) : IRequest<IReadOnlyList<AuditRow>>;

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, IReadOnlyList<AuditRow>>
    {
        public async Task<IReadOnlyList<AuditRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.AuditLog.AsNoTracking()
                .Where(a => a.StoryId == query.StoryId)
                .OrderBy(a => a.Id)
                .Take(MaxTake)
                .Select(a => new AuditRow(
                    a.Id, a.At, a.UserName, a.Command, a.Outcome, a.Reason, a.StoryId, a.FromState, a.ToState, a.RevisionNumber,
                    a.Details))
                .ToListAsync(cancellationToken);
        }
    }
}
