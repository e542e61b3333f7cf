using MediatR;
using Newsroom.Application.Features.Audit;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Users;
using Newsroom.Domain.Stories;

namespace Newsroom.Web.Endpoints;

/// <summary>
/// The HTTP API: each endpoint sends one MediatR request, the same one the Blazor pages send. Who may call what is
/// declared on the request and enforced in the pipeline, so the API and the pages cannot disagree.
/// </summary>
internal static class ApiEndpoints
{
    public static void MapNewsroomApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        var stories = api.MapGroup("/stories");
        stories.MapGet("/", (IMediator mediator, StoryState? state, string? desk, CancellationToken ct) =>
            mediator.Send(new ListStories.Query(state, desk), ct));
        stories.MapGet("/{id:guid}", (IMediator mediator, Guid id, CancellationToken ct) =>
            mediator.Send(new GetStory.Query(id), ct));
        stories.MapPost("/", async (IMediator mediator, CreateStory.Command command, CancellationToken ct) =>
        {
            var created = await mediator.Send(command, ct);
            return TypedResults.Created($"/api/stories/{created.StoryId}", created);
        });

        var users = api.MapGroup("/users");
        users.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListUsers.Query(), ct));
        users.MapPost("/", async (IMediator mediator, CreateUser.Command command, CancellationToken ct) =>
        {
            var created = await mediator.Send(command, ct);
            return TypedResults.Created($"/api/users/{created.UserId}", created);
        });

        api.MapGet("/audit", (IMediator mediator, Guid? storyId, int? take, CancellationToken ct) =>
            mediator.Send(new GetAuditLog.Query(storyId, take ?? 100), ct));
    }
}
