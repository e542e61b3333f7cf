using System.Threading.RateLimiting;
using MediatR;
using Newsroom.Application.Features.Publishing;

namespace Newsroom.Web.Endpoints;

/// <summary>What the public site serves besides its pages: Atom feeds, and the limit on reader comments.</summary>
internal static class SiteEndpoints
{
    public static void MapNewsroomFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").AllowAnonymous().WithTags("Feeds");
        feeds.MapGet("/atom", (IMediator m, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            FeedAsync(m, http, clock, new GetFeed.Query(), ct));
        feeds.MapGet("/desks/{desk}", (IMediator m, HttpContext http, TimeProvider clock, string desk, CancellationToken ct) =>
            FeedAsync(m, http, clock, new GetFeed.Query(Desk: desk), ct));
        feeds.MapGet("/authors/{authorId:guid}", (IMediator m, HttpContext http, TimeProvider clock, Guid authorId, CancellationToken ct) =>
            FeedAsync(m, http, clock, new GetFeed.Query(AuthorId: authorId), ct));
    }

    /// <summary>
    /// Reader comments are limited per address (a POST to an article page is a comment): bots get 429 after a few,
    /// people never notice. Everything else is unlimited here.
    /// </summary>
    public static IServiceCollection AddReaderCommentLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("ReaderComments:PermitLimit", 5);
        var window = TimeSpan.FromSeconds(configuration.GetValue("ReaderComments:WindowSeconds", 600));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/articles")
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many comments from your address in a short time. Wait a few minutes and try again.", ct);
            };
        });
    }

    private static async Task<IResult> FeedAsync(IMediator mediator, HttpContext http, TimeProvider clock, GetFeed.Query query, CancellationToken ct)
    {
        var feed = await mediator.Send(query, ct);
        var site = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        var self = new Uri(site, http.Request.Path.Value!.TrimStart('/'));
        return AtomFeed.Result(AtomFeed.Build(feed, site, self, clock.GetUtcNow()));
    }
}
