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
            {
                var route = (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
                if (route.EndsWith("/register", StringComparison.OrdinalIgnoreCase))
                {
                    return TypedResults.Problem(
                        title: "Self-registration is disabled.",
                        detail: "Accounts are created by a Newsroom administrator. Ask one to create yours.",
                        statusCode: StatusCodes.Status403Forbidden);
                }

                var result = await next(context);
                return route.EndsWith("/login", StringComparison.OrdinalIgnoreCase) && IsRefusal(result) ? SignInRefused() : result;
            });

        app.MapPost("/account/logout", async (SignInManager<NewsroomUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl
                : "/account/login");
        }).RequireAuthorization();
    }

    /// <summary>
    /// Identity answers "LockedOut" or "NotAllowed" only for emails that exist; one answer for every refusal says
    /// nothing about which accounts there are.
    /// </summary>
    public static IResult SignInRefused() => TypedResults.Problem(
        title: "Sign-in failed.",
        detail: "The email and password do not match an account that may sign in now. Check them, wait if you tried many times, or ask an administrator.",
        statusCode: StatusCodes.Status401Unauthorized);

    private static bool IsRefusal(object? result) =>
        (result is INestedHttpResult nested ? nested.Result : result) is IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized };
}
