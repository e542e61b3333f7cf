using System.Text.Json.Nodes;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Auditing;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;

namespace Newsroom.Application.Common.Behaviors;

/// <summary>
/// Writes one audit row for every command, allowed or refused: who, what, when, the arguments that matter
/// (<see cref="AuditArguments"/>), and for story commands the state and revision before and after and the editorial
/// fields it changed (hold, embargo, byline, assignment) as they were before and after. Rows join the hash chain
/// (<see cref="AuditChain"/>).
/// </summary>
/// <remarks>
/// The row is written in its own context after the command, because a refused command's own transaction never
/// commits and a refusal must still be on record. Story state is read around the command rather than reported by
/// each handler, so no handler can forget its audit row.
/// </remarks>
public sealed class AuditBehavior<TRequest, TResponse>(
    IDbContextFactory<NewsroomDbContext> dbFactory, AuditChain chain, ICurrentUser user, TimeProvider clock)
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
            var storyId = (response as IStoryResult)?.StoryId ?? before?.Snapshot.StoryId;
            var after = storyId is { } id ? await SnapshotAsync(id, CancellationToken.None) : null;
            await WriteAsync(AuditOutcome.Succeeded, (request as IExplainedCommand)?.Reason, request, response, before, after, CancellationToken.None);
            return response;
        }
        catch (Exception e) when (Classify(e) is { } outcome)
        {
            // The caller's cancellation must not stop the refusal from being recorded.
            await WriteAsync(outcome, e.Message, request, default, before, null, CancellationToken.None);
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
        // The database was out of reach: nothing was decided, and no row could be written anyway.
        RefusalKind.Unavailable => null,
        _ when e is OperationCanceledException => null,
        _ => AuditOutcome.Failed,
    };

    private async Task<StoryFacts?> SnapshotAsync(Guid storyId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Stories.AsNoTracking()
            .Where(s => s.Id == storyId)
            .Select(s => new StoryFacts(
                new StorySnapshot(s.Id, s.State, s.LatestRevisionNumber),
                s.LegalHold,
                s.EmbargoUntil,
                s.Bylines.OrderBy(b => b.Position).Select(b => b.UserId).ToList(),
                s.AssignedReporterIds,
                s.ReviewerId,
                s.SuggestOnlyInReview))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task WriteAsync(
        AuditOutcome outcome, string? reason, TRequest request, TResponse? response, StoryFacts? before, StoryFacts? after,
        CancellationToken cancellationToken)
    {
        var details = new JsonObject();
        if (AuditArguments.Describe(request) is { } arguments)
        {
            details["arguments"] = arguments;
        }

        if (response is not IStoryResult && AuditArguments.Describe(response) is { } result)
        {
            details["result"] = result;
        }

        if (before is not null && after is not null && StoryFacts.Changes(before, after) is { Count: > 0 } changed)
        {
            details["changed"] = changed;
        }

        await chain.AppendAsync(
            AuditEntry.Record(
                clock.GetUtcNow(), user.Id, user.Name, RequestName.Of(typeof(TRequest)), outcome, Truncate(reason),
                before?.Snapshot, after?.Snapshot, details.Count > 0 ? details.ToJsonString() : null),
            cancellationToken);
    }

    /// <summary>The editorial fields an audit row shows before and after, beside the state and revision.</summary>
    private sealed record StoryFacts(
        StorySnapshot Snapshot, bool LegalHold, DateTimeOffset? EmbargoUntil, List<Guid> Byline, Guid[] AssignedReporters,
        Guid? ReviewerId, bool SuggestOnlyInReview)
    {
        public static JsonObject Changes(StoryFacts before, StoryFacts after)
        {
            var changes = new JsonObject();
            Compare(changes, "legalHold", before.LegalHold, after.LegalHold, before.LegalHold == after.LegalHold);
            Compare(changes, "embargoUntil", before.EmbargoUntil, after.EmbargoUntil, before.EmbargoUntil == after.EmbargoUntil);
            Compare(changes, "byline", before.Byline, after.Byline, before.Byline.SequenceEqual(after.Byline));
            Compare(changes, "assignedReporters", before.AssignedReporters, after.AssignedReporters,
                before.AssignedReporters.SequenceEqual(after.AssignedReporters));
            Compare(changes, "reviewer", before.ReviewerId, after.ReviewerId, before.ReviewerId == after.ReviewerId);
            Compare(changes, "suggestOnlyInReview", before.SuggestOnlyInReview, after.SuggestOnlyInReview,
                before.SuggestOnlyInReview == after.SuggestOnlyInReview);
            return changes;
        }

        private static void Compare(JsonObject changes, string name, object? before, object? after, bool same)
        {
            if (!same && AuditArguments.TrySimple(before, out var was) && AuditArguments.TrySimple(after, out var now))
            {
                changes[name] = new JsonObject { ["before"] = was, ["after"] = now };
            }
        }
    }
}
