using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Newsroom.Application.Data;

namespace Newsroom.Web.Endpoints;

internal static class IdentityEndpoints
{
    public static void MapNewsroomIdentity(this IEndpointRouteBuilder app)
    {
        // ASP.NET Core's Identity API (login, refresh, manage/info, …). Its /register is switched off: accounts are
        // made by an administrator, never by whoever finds the endpoint.
        app.MapGroup("/api/identity")
            .MapIdentityApi<NewsroomUser>()
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route }
                && route.EndsWith("/register", StringComparison.OrdinalIgnoreCase)
                    ? TypedResults.Problem(
                        title: "Self-registration is disabled.",
                        detail: "Accounts are created by a Newsroom administrator. Ask one to create yours.",
                        statusCode: StatusCodes.Status403Forbidden)
                    : await next(context));

        app.MapPost("/account/logout", async (SignInManager<NewsroomUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl
                : "/account/login");
        }).RequireAuthorization();
    }
}
