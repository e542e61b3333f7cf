using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Newsroom.Domain;

namespace Newsroom.Application.Common;

/// <summary>
/// The one place that says which exceptions are refusals and of what kind. The API's problem details, the hubs, the
/// pages, the audit log and the request log all ask here, so they cannot disagree (a stale save used to be a 409 in
/// the API, an error with a stack trace in the log, "Failed" in the audit and hidden in the hub).
/// </summary>
public static class Refusals
{
    /// <summary>The kind of refusal <paramref name="exception"/> is, or null when it is a failure, not a refusal.</summary>
    public static RefusalKind? KindOf(Exception exception) => exception switch
    {
        RefusedException refused => refused.Refusal.Kind,
        ValidationException => RefusalKind.Invalid,
        DbUpdateConcurrencyException => RefusalKind.Conflict,
        _ => null,
    };

    /// <summary>The code of a write based on a version someone else has since changed: reload, don't overwrite.</summary>
    public const string Stale = "stale.story";

    /// <summary>Someone else saved first: the caller should reload and offer their version.</summary>
    public static bool IsStale(Exception exception) =>
        exception is RefusedException { Refusal.Code: Stale } or DbUpdateConcurrencyException;

    /// <summary>
    /// A refusal's stable code, for a client to act on (the live editor's push answer): a <see cref="Refusal"/>'s own,
    /// the first validation failure's (<c>ValidationMessages</c>) or <c>"validation"</c>, <see cref="Stale"/> for a lost race.
    /// </summary>
    public static string CodeOf(Exception exception) => exception switch
    {
        RefusedException refused => refused.Refusal.Code,
        ValidationException validation => validation.Errors.Select(f => f.CustomState as Message).FirstOrDefault(m => m is not null)?.Code ?? "validation",
        DbUpdateConcurrencyException => Stale,
        _ => "refused",
    };

    /// <summary>
    /// The refusal passes by itself: nothing is wrong with the request, and the same request a little later will be
    /// taken (saving paused while the database is out of reach, a rate cap: the <see cref="RefusalKind.Unavailable"/>
    /// kind; a text too busy to commit a push). Every other refusal stands until something changes.
    /// </summary>
    public static bool Passes(Exception exception) =>
        KindOf(exception) is RefusalKind.Unavailable || exception is RefusedException { Refusal.Code: "push.busy" };

    /// <summary>
    /// What the person is told when the refusal is not a <see cref="Refusal"/> (those are rendered from their code at
    /// the edge): the message written for them, or for a stale save the generic advice.
    /// </summary>
    public static string MessageOf(Exception exception) => exception switch
    {
        ValidationException validation => string.Join(" ", validation.Errors.Select(f => f.ErrorMessage).Distinct()),
        DbUpdateConcurrencyException => "This was changed by someone else after you loaded it. Reload, check their change, and try again.",
        _ => exception.Message,
    };
}
