using Microsoft.AspNetCore.Http.Features;

namespace Newsroom.Web.Endpoints;

/// <summary>
/// HEAD answers wherever GET does (uptime monitors and link checkers send HEAD): the request is routed as the GET
/// it stands for, with the same status and headers, and the body is dropped. Pages and minimal-API endpoints map GET
/// only, so without this a HEAD to an article is a 404.
/// </summary>
internal static class HeadRequests
{
    /// <summary>Must run before routing, which picks the endpoint by method.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(body);
        }
    });
}
