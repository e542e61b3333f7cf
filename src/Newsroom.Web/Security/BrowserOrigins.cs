using Microsoft.AspNetCore.Antiforgery;
using Newsroom.Web.Hosting;

namespace Newsroom.Web.Security;

/// <summary>
/// What a browser may ask of the app from another site. Hubs (Newsroom's and Blazor's circuit hub) accept a browser
/// connection only from the app's own origin or one listed in <c>Security:AllowedOrigins</c>: a page elsewhere
/// cannot ride a signed-in cookie into a hub. Scripts send no Origin and authenticate with a bearer token.
/// A write to <c>/api</c> carried by the sign-in cookie needs an antiforgery token; a bearer token, which no other
/// site can make a browser send, needs none.
/// </summary>
internal sealed class BrowserOriginsMiddleware(RequestDelegate next, IConfiguration configuration, PublicBaseUrl site)
{
    private readonly HashSet<string> _allowed = new(
        (configuration["Security:AllowedOrigins"] ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(o => o.TrimEnd('/')),
        StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var request = context.Request;
        if ((request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/_blazor"))
            && request.Headers.Origin is [{ Length: > 0 } origin, ..] && !IsAllowed(origin, request))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden,
                $"Connections from {origin} are not accepted: open Newsroom from its own address.");
            return;
        }

        if (request.Path.StartsWithSegments("/api") && !IsSafe(request.Method)
            && context.User.Identity?.IsAuthenticated == true
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest,
                "A change sent with the sign-in cookie needs an antiforgery token; scripts should sign in for a bearer token instead.");
            return;
        }

        await next(context);
    }

    private bool IsAllowed(string origin, HttpRequest request)
    {
        var own = site.For(request);
        return string.Equals(origin, $"{own.Scheme}://{own.Authority}", StringComparison.OrdinalIgnoreCase) || _allowed.Contains(origin);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static async Task RefuseAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = "Refused.", Detail = detail },
        });
    }
}
