using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Security;

/// <summary>
/// HTTP requests: a cookie or bearer token issued before its account was disabled, demoted or given a new password
/// is refused, with the reason (scripts get a 401 problem; browsers lose the cookie and land on the sign-in page,
/// which says why). Identity checks a cookie's stamp only every few minutes and a bearer token's never.
/// </summary>
internal sealed class WithdrawnAccessMiddleware(RequestDelegate next)
{
    public const string SignInPageFlag = "withdrawn";

    public async Task InvokeAsync(HttpContext context, AccountAccess access, IProblemDetailsService problems)
    {
        if (await WhyWithdrawnAsync(access, context.User, context.RequestAborted) is not { } why)
        {
            await next(context);
            return;
        }

        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        }

        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Access withdrawn.",
                    Detail = RefusalText.Render(Refusal.Forbidden(why)),
                },
            });
            return;
        }

        context.Response.Redirect($"/account/login?{SignInPageFlag}=true");
    }

    public static ValueTask<string?> WhyWithdrawnAsync(AccountAccess access, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        principal.Identity?.IsAuthenticated == true
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? access.WhyWithdrawnAsync(userId, new CurrentUser { Principal = principal }.SecurityStamp, cancellationToken)
            : ValueTask.FromResult<string?>(null);
}
