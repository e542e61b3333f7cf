using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;

namespace Newsroom.Application.Common.Behaviors;

/// <summary>
/// Writes one audit row for every command, allowed or refused: who, what, when, and for story commands the state
/// and revision before and after.
/// </summary>
/// <remarks>
/// The row is written in its own context after the command, because a refused command's own transaction never
/// commits and a refusal must still be on record. Story state is read around the command rather than reported by
/// each handler, so no handler can forget its audit row.
/// </remarks>
public sealed class AuditBehavior<TRequest, TResponse>(
    IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(
        TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse>)
        {
            return await next();
        }

        var before = request is IStoryCommand storyCommand
            ? await SnapshotAsync(storyCommand.StoryId, cancellationToken)
            : null;
        try
        {
            var response = await next();

            // The change is committed: from here on, the caller hanging up must not cost it its audit row.
            var storyId = (response as IStoryResult)?.StoryId ?? before?.StoryId;
            var after = storyId is { } id ? await SnapshotAsync(id, CancellationToken.None) : null;
            await WriteAsync(AuditOutcome.Succeeded, (request as IExplainedCommand)?.Reason, before, after, CancellationToken.None);
            return response;
        }
        catch (Exception e) when (Classify(e) is { } outcome)
        {
            // The caller's cancellation must not stop the refusal from being recorded.
            await WriteAsync(outcome, e.Message, before, null, CancellationToken.None);
            throw;
        }
    }

    // A validation message listing many fields can outgrow the column; the row matters more than its tail.
    private static string? Truncate(string? reason) =>
        reason is { Length: > AuditEntry.MaxReasonLength } ? reason[..(AuditEntry.MaxReasonLength - 1)] + "…" : reason;

    private static AuditOutcome? Classify(Exception e) => Refusals.KindOf(e) switch
    {
        RefusalKind.Forbidden or RefusalKind.Conflict => AuditOutcome.Refused,
        RefusalKind.Invalid or RefusalKind.NotFound => AuditOutcome.Invalid,
        _ when e is OperationCanceledException => null,
        _ => AuditOutcome.Failed,
    };

    private async Task<StorySnapshot?> SnapshotAsync(Guid storyId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Stories.AsNoTracking()
            .Where(s => s.Id == storyId)
            .Select(s => new StorySnapshot(s.Id, s.State, s.LatestRevisionNumber))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task WriteAsync(
        AuditOutcome outcome, string? reason, StorySnapshot? before, StorySnapshot? after,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(AuditEntry.Record(
            clock.GetUtcNow(), user.Id, user.Name, RequestName.Of(typeof(TRequest)), outcome, Truncate(reason), before, after));
        await db.SaveChangesAsync(cancellationToken);
    }
}
