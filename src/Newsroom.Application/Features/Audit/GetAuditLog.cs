using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Audit;

public static class GetAuditLog
{
    public const int MaxTake = 500;

    /// <summary>Newest first; the next page passes the last row's id as <c>Before</c>.</summary>
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Query(Guid? StoryId = null, int Take = 100, long? Before = null) : IRequest<IReadOnlyList<AuditRow>>;

    public sealed record AuditRow(
        long Id,
        DateTimeOffset At,
        string UserName,
        string Command,
        AuditOutcome Outcome,
        string? Reason,
        Guid? StoryId,
        StoryState? FromState,
        StoryState? ToState,
        int? RevisionNumber,
        string? Details);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Take).InclusiveBetween(1, MaxTake);
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory)
        : IRequestHandler<Query, IReadOnlyList<AuditRow>>
    {
        public async Task<IReadOnlyList<AuditRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var entries = db.AuditLog.AsNoTracking();
            if (query.StoryId is { } storyId)
            {
                entries = entries.Where(a => a.StoryId == storyId);
            }

            if (query.Before is { } before)
            {
                entries = entries.Where(a => a.Id < before);
            }

            return await entries
                .OrderByDescending(a => a.Id)
                .Take(query.Take)
                .Select(a => new AuditRow(
                    a.Id, a.At, a.UserName, a.Command, a.Outcome, a.Reason, a.StoryId, a.FromState, a.ToState,
                    a.RevisionNumber, a.Details))
                .ToListAsync(cancellationToken);
        }
    }
}
