using MediatR;
using Newsroom.Web.Hosting;
using Newsroom.Application.Features.Publishing;

namespace Newsroom.Web.Endpoints;

/// <summary>What the public site serves besides its pages: Atom feeds.</summary>
internal static class SiteEndpoints
{
    public static void MapNewsroomFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").AllowAnonymous().WithTags("Feeds");
        feeds.MapGet("/atom", (IMediator m, HttpContext http, PublicBaseUrl site, TimeProvider clock, CancellationToken ct) =>
            FeedAsync(m, http, site, clock, new GetFeed.Query(), ct));
        feeds.MapGet("/desks/{desk}", (IMediator m, HttpContext http, PublicBaseUrl site, TimeProvider clock, string desk, CancellationToken ct) =>
            FeedAsync(m, http, site, clock, new GetFeed.Query(Desk: desk), ct));
        feeds.MapGet("/authors/{authorId:guid}", (IMediator m, HttpContext http, PublicBaseUrl site, TimeProvider clock, Guid authorId, CancellationToken ct) =>
            FeedAsync(m, http, site, clock, new GetFeed.Query(AuthorId: authorId), ct));
    }

    private static async Task<IResult> FeedAsync(IMediator mediator, HttpContext http, PublicBaseUrl publicBase, TimeProvider clock, GetFeed.Query query, CancellationToken ct)
    {
        var feed = await mediator.Send(query, ct);
        var site = publicBase.For(http.Request);
        var self = new Uri(site, http.Request.Path.Value!.TrimStart('/'));
        return AtomFeed.Result(AtomFeed.Build(feed, site, self, clock.GetUtcNow()));
    }
}
