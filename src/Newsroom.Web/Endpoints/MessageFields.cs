using System.Globalization;
using System.Text.Json.Nodes;
using Newsroom.Application.Features.Audit;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.Features.Revisions;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Comments;
using Newsroom.Domain.Stories;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Endpoints;

/// <summary>
/// What the API says of revisions, notifications and audit rows: the text rendered in the request's language
/// (<c>Accept-Language</c>, as the localization middleware chose it) beside the message's <c>code</c> and <c>args</c>,
/// so a script can act on the code and show the text. A revision a person named, or one from before names were
/// messages, has its literal name and no code. An audit row keeps its stored <c>reason</c> (the hash chain is over
/// it) and adds <c>reasonText</c>, the reason as a person reads it.
/// </summary>
internal static class MessageFields
{
    public sealed record RevisionItem(
        int Number, string Name, string? Code, JsonArray? Args, string CreatedBy, DateTimeOffset CreatedAt, StoryState State,
        int WordsAdded, int WordsRemoved);

    public sealed record RevisionDetails(
        int Number, string Name, string? Code, JsonArray? Args, string CreatedBy, DateTimeOffset CreatedAt, StoryState State,
        string Language, string Direction, string Headline, string Standfirst, string Body, LeadImage LeadImage,
        IReadOnlyList<string> Tags);

    public sealed record Bell(int Unread, IReadOnlyList<NotificationItem> Latest);

    public sealed record NotificationItem(
        long Id, Guid StoryId, NotificationKind Kind, string Text, string? Code, JsonArray? Args, DateTimeOffset CreatedAt, bool IsRead);

    public sealed record AuditItem(
        long Id, DateTimeOffset At, string UserName, string Command, AuditOutcome Outcome, string? Reason, string? ReasonText,
        Guid? StoryId, StoryState? FromState, StoryState? ToState, int? RevisionNumber, string? Details);

    public static IReadOnlyList<AuditItem> Of(IReadOnlyList<GetAuditLog.AuditRow> rows) =>
        rows.Select(r => new AuditItem(
            r.Id, r.At, r.UserName, r.Command, r.Outcome, r.Reason,
            r.Reason is null ? null : RefusalText.AuditReason(r.Reason, r.Outcome, CultureInfo.CurrentUICulture),
            r.StoryId, r.FromState, r.ToState, r.RevisionNumber, r.Details)).ToList();

    public static IReadOnlyList<RevisionItem> Of(IReadOnlyList<ListRevisions.RevisionRow> rows) =>
        rows.Select(r => new RevisionItem(
            r.Number, Rendered(r.GeneratedName, r.Name), r.GeneratedName?.Code, ArgsOf(r.GeneratedName), r.CreatedBy,
            r.CreatedAt, r.State, r.WordsAdded, r.WordsRemoved)).ToList();

    public static RevisionDetails Of(GetRevision.RevisionDetails r) => new(
        r.Number, Rendered(r.GeneratedName, r.Name), r.GeneratedName?.Code, ArgsOf(r.GeneratedName), r.CreatedBy, r.CreatedAt,
        r.State, r.Language, r.Direction, r.Headline, r.Standfirst, r.Body, r.LeadImage, r.Tags);

    public static Bell Of(GetMyNotifications.Bell bell) => new(
        bell.Unread,
        bell.Latest.Select(n => new NotificationItem(
            n.Id, n.StoryId, n.Kind, Rendered(n.Message, n.Text), n.Message?.Code, ArgsOf(n.Message), n.CreatedAt, n.IsRead)).ToList());

    private static string Rendered(Message? message, string literal) =>
        RefusalText.Render(message, literal, CultureInfo.CurrentUICulture);

    private static JsonArray? ArgsOf(Message? message) => message is null ? null : MessageJson.Args(message);
}
