using MediatR;
using Newsroom.Application.Features.Audit;
using Newsroom.Application.Features.Comments;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Drafts;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.Features.Publishing;
using Newsroom.Application.Features.Revisions;
using Newsroom.Application.Features.Search;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Application.Features.Users;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Publishing;
using Newsroom.Domain.Stories;
using Newsroom.Web.Hosting;
using Newsroom.Web.Security;

namespace Newsroom.Web.Endpoints;

/// <summary>
/// The HTTP API: each endpoint sends one MediatR request, the same one the Blazor pages send. Who may call what is
/// declared on the request and enforced in the pipeline, so the API and the pages cannot disagree.
/// </summary>
internal static class ApiEndpoints
{
    public static void MapNewsroomApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().ProducesProblem(StatusCodes.Status403Forbidden);
        MapStories(api.MapGroup("/stories").WithTags("Stories"));
        MapWorkflow(api.MapGroup("/stories/{id:guid}").WithTags("Workflow"));
        MapRevisions(api.MapGroup("/stories/{id:guid}/revisions").WithTags("Revisions"));
        MapComments(api.MapGroup("/stories/{id:guid}/comments").WithTags("Comments"));
        MapSuggestions(api.MapGroup("/stories/{id:guid}/suggestions").WithTags("Suggestions"));

        var users = api.MapGroup("/users").WithTags("Accounts");
        users.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new ListUsers.Query(), ct));
        users.MapPost("/", async (IMediator m, CreateUser.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return TypedResults.Created($"/api/users/{created.UserId}", created);
        }).ProducesValidationProblem();
        users.MapPut("/{userId:guid}/bio", (IMediator m, Guid userId, BioBody body, CancellationToken ct) =>
            m.Send(new UpdateBio.Command(userId, body.Bio), ct)).ProducesValidationProblem();
        MapAccountAccess(users);

        MapDashboard(api);
        MapPublishing(api);

        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", async (IMediator m, CancellationToken ct) =>
            MessageFields.Of(await m.Send(new GetMyNotifications.Query(), ct)));
        notifications.MapPost("/read", async (IMediator m, CancellationToken ct) =>
            TypedResults.Ok(new { marked = await m.Send(new MarkNotificationsRead.Command(), ct) }));

        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/", async (IMediator m, Guid? storyId, int? take, long? before, CancellationToken ct) =>
            MessageFields.Of(await m.Send(new GetAuditLog.Query(storyId, take ?? 100, before), ct))).ProducesValidationProblem();
        audit.MapGet("/verify", (IMediator m, CancellationToken ct) => m.Send(new VerifyAuditChain.Query(), ct));
    }

    private static void MapAccountAccess(RouteGroupBuilder users)
    {
        users.MapPost("/{userId:guid}/disable", (IMediator m, Guid userId, CancellationToken ct) =>
            m.Send(new DisableUser.Command(userId), ct)).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{userId:guid}/enable", (IMediator m, Guid userId, CancellationToken ct) =>
            m.Send(new EnableUser.Command(userId), ct)).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{userId:guid}/role", (IMediator m, Guid userId, RoleBody body, CancellationToken ct) =>
            m.Send(new ChangeRole.Command(userId, body.Role), ct))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{userId:guid}/password-reset", async (IMediator m, PublicBaseUrl site, HttpContext http, Guid userId, CancellationToken ct) =>
        {
            var reset = await m.Send(new IssuePasswordReset.Command(userId), ct);
            return TypedResults.Ok(new PasswordResetBody(
                site.Link(http.Request, PasswordResetLinks.PathFor(reset)).ToString(), reset.ExpiresAt));
        }).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/me/password", (IMediator m, PasswordBody body, CancellationToken ct) =>
            m.Send(new ChangeMyPassword.Command(body.CurrentPassword, body.NewPassword), ct)).ProducesValidationProblem();
    }

    private static void MapStories(RouteGroupBuilder stories)
    {
        stories.MapGet("/", (IMediator m, StoryState? state, string? desk, Guid? assignee, string? search, StoryView? view, CancellationToken ct) =>
            m.Send(new ListStories.Query(state, desk, assignee, search, view ?? StoryView.All), ct));
        stories.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetStory.Query(id), ct))
            .ProducesProblem(StatusCodes.Status404NotFound);
        stories.MapPost("/", async (IMediator m, CreateStory.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return TypedResults.Created($"/api/stories/{created.StoryId}", created);
        }).ProducesValidationProblem();
        stories.MapPut("/{id:guid}", (IMediator m, Guid id, UpdateStory.Command command, CancellationToken ct) =>
                m.Send(command with { StoryId = id }, ct))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapDashboard(RouteGroupBuilder api)
    {
        api.MapGet("/board", (IMediator m, string? desk, CancellationToken ct) => m.Send(new GetNewsroomBoard.Query(desk), ct))
            .WithTags("Board");
        var links = api.MapGroup("/display-links").WithTags("Board");
        links.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new ListDisplayLinks.Query(), ct));
        links.MapPost("/", async (IMediator m, CreateDisplayLink.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return TypedResults.Created($"/api/display-links/{created.Id}", created);
        }).ProducesValidationProblem();
        links.MapPost("/{linkId:guid}/revoke", (IMediator m, Guid linkId, CancellationToken ct) =>
            m.Send(new RevokeDisplayLink.Command(linkId), ct)).ProducesProblem(StatusCodes.Status404NotFound);
        var breaking = api.MapGroup("/breaking-news").WithTags("Board");
        breaking.MapPut("/", (IMediator m, RaiseBreakingNews.Command command, CancellationToken ct) => m.Send(command, ct))
            .ProducesValidationProblem();
        breaking.MapDelete("/", (IMediator m, CancellationToken ct) => m.Send(new ClearBreakingNews.Command(), ct));
    }

    private static void MapPublishing(RouteGroupBuilder api)
    {
        api.MapGet("/search", (IMediator m, string? q, CancellationToken ct) => m.Send(new SearchStories.Query(q ?? ""), ct))
            .WithTags("Search").ProducesValidationProblem();
        api.MapPost("/stories/{id:guid}/preview-link", async (IMediator m, PreviewLinks previews, PublicBaseUrl site, HttpContext http, Guid id, CancellationToken ct) =>
        {
            // Only someone who may preview the story gets a link to it.
            var story = await m.Send(new GetArticlePreview.Query(id), ct);
            var path = previews.PathFor(story.Id, story.Slug);
            return TypedResults.Ok(new { url = site.Link(http.Request, path).ToString() });
        }).WithTags("Publishing").ProducesProblem(StatusCodes.Status404NotFound);
        var comments = api.MapGroup("/reader-comments").WithTags("Publishing");
        comments.MapGet("/", (IMediator m, ReaderCommentStatus? status, CancellationToken ct) =>
            m.Send(new ListReaderComments.Query(status ?? ReaderCommentStatus.Held), ct));
        comments.MapPost("/{commentId:guid}/moderate", (IMediator m, Guid commentId, ModerationBody body, CancellationToken ct) =>
                m.Send(new ModerateReaderComment.Command(commentId, body.Status), ct))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapWorkflow(RouteGroupBuilder story)
    {
        story.MapPost("/submit", (IMediator m, Guid id, CancellationToken ct) => m.Send(new SubmitForReview.Command(id), ct));
        story.MapPost("/request-changes", (IMediator m, Guid id, NoteBody? body, CancellationToken ct) =>
            m.Send(new RequestChanges.Command(id, body?.Note), ct));
        story.MapPost("/approve", (IMediator m, Guid id, CancellationToken ct) => m.Send(new Approve.Command(id), ct));
        story.MapPost("/publish", (IMediator m, Guid id, CancellationToken ct) => m.Send(new Publish.Command(id), ct));
        story.MapPost("/unpublish", (IMediator m, Guid id, NoteBody? body, CancellationToken ct) =>
            m.Send(new Unpublish.Command(id, body?.Note), ct));
        story.MapPost("/correct", (IMediator m, Guid id, Correct.Command command, CancellationToken ct) =>
            m.Send(command with { StoryId = id }, ct));
        story.MapPost("/spike", (IMediator m, Guid id, NoteBody? body, CancellationToken ct) =>
            m.Send(new Spike.Command(id, body?.Note), ct));
        story.MapPost("/restore", (IMediator m, Guid id, CancellationToken ct) => m.Send(new RestoreSpikedStory.Command(id), ct));
        story.MapPut("/legal-hold", (IMediator m, Guid id, LegalHoldBody body, CancellationToken ct) =>
            m.Send(new SetLegalHold.Command(id, body.OnHold, body.Reason), ct));
        story.MapPut("/embargo", (IMediator m, Guid id, EmbargoBody body, CancellationToken ct) =>
            m.Send(new SetEmbargo.Command(id, body.Until), ct));
        story.MapPut("/assignment", (IMediator m, Guid id, AssignmentBody body, CancellationToken ct) =>
            m.Send(new AssignStory.Command(id, body.ReporterIds ?? [], body.ReviewerId), ct));
        story.MapPut("/byline", (IMediator m, Guid id, BylineBody body, CancellationToken ct) =>
            m.Send(new SetByline.Command(id, body.AuthorIds ?? []), ct));
        story.MapPost("/versions", (IMediator m, Guid id, SaveVersion.Command command, CancellationToken ct) =>
            m.Send(command with { StoryId = id }, ct));
    }

    private static void MapRevisions(RouteGroupBuilder revisions)
    {
        revisions.MapGet("/", async (IMediator m, Guid id, CancellationToken ct) =>
            MessageFields.Of(await m.Send(new ListRevisions.Query(id), ct)));
        revisions.MapGet("/{number:int}", async (IMediator m, Guid id, int number, CancellationToken ct) =>
            MessageFields.Of(await m.Send(new GetRevision.Query(id, number), ct)));
        revisions.MapGet("/compare", (IMediator m, Guid id, int from, int to, CancellationToken ct) =>
            m.Send(new CompareRevisions.Query(id, from, to), ct));
        revisions.MapPost("/{number:int}/restore", (IMediator m, Guid id, int number, ReasonBody body, CancellationToken ct) =>
            m.Send(new RestoreRevision.Command(id, number, body.Reason), ct));
    }

    private static void MapComments(RouteGroupBuilder comments)
    {
        comments.MapGet("/", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListComments.Query(id), ct));
        comments.MapPost("/", async (IMediator m, Guid id, AddComment.Command command, CancellationToken ct) =>
        {
            var added = await m.Send(command with { StoryId = id }, ct);
            return TypedResults.Created($"/api/stories/{id}/comments/{added.CommentId}", added);
        });
        comments.MapPost("/{commentId:guid}/resolve", (IMediator m, Guid id, Guid commentId, CancellationToken ct) =>
            m.Send(new SettleThread.Command(id, commentId, Resolved: true), ct));
        comments.MapPost("/{commentId:guid}/reopen", (IMediator m, Guid id, Guid commentId, CancellationToken ct) =>
            m.Send(new SettleThread.Command(id, commentId, Resolved: false), ct));
    }

    private static void MapSuggestions(RouteGroupBuilder suggestions)
    {
        suggestions.MapGet("/", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListSuggestions.Query(id), ct))
            .ProducesProblem(StatusCodes.Status404NotFound);
        suggestions.MapPost("/", (IMediator m, Guid id, SuggestionBody body, CancellationToken ct) =>
                m.Send(new SuggestChange.Command(id, body.Field, body.From, body.To, body.Insert, body.Note), ct))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        suggestions.MapPost("/{suggestionId}/accept", (IMediator m, Guid id, string suggestionId, CancellationToken ct) =>
            m.Send(new SettleSuggestion.Command(id, suggestionId, Accept: true), ct)).ProducesProblem(StatusCodes.Status409Conflict);
        suggestions.MapPost("/{suggestionId}/reject", (IMediator m, Guid id, string suggestionId, CancellationToken ct) =>
            m.Send(new SettleSuggestion.Command(id, suggestionId, Accept: false), ct)).ProducesProblem(StatusCodes.Status409Conflict);
        suggestions.MapPost("/accept-all", (IMediator m, Guid id, SuggestedByBody? body, CancellationToken ct) =>
            m.Send(new SettleAllSuggestions.Command(id, Accept: true, body?.SuggestedBy), ct));
        suggestions.MapPost("/reject-all", (IMediator m, Guid id, SuggestedByBody? body, CancellationToken ct) =>
            m.Send(new SettleAllSuggestions.Command(id, Accept: false, body?.SuggestedBy), ct));
    }

    internal sealed record NoteBody(string? Note);

    internal sealed record SuggestionBody(string Field, int From, int To, string? Insert, string? Note);

    internal sealed record SuggestedByBody(Guid? SuggestedBy);

    internal sealed record BioBody(string? Bio);

    internal sealed record RoleBody(string Role);

    internal sealed record PasswordBody(string CurrentPassword, string NewPassword);

    internal sealed record PasswordResetBody(string ResetUrl, DateTimeOffset ExpiresAt);

    internal sealed record ModerationBody(ReaderCommentStatus Status);

    internal sealed record ReasonBody(string Reason);

    internal sealed record LegalHoldBody(bool OnHold, string? Reason);

    internal sealed record EmbargoBody(DateTimeOffset? Until);

    internal sealed record BylineBody(IReadOnlyList<Guid>? AuthorIds);

    internal sealed record AssignmentBody(IReadOnlyList<Guid>? ReporterIds, Guid? ReviewerId);
}
