using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsroom.Application.Common.Security;

namespace Newsroom.Web.Security;

internal static class SecurityRegistration
{
    /// <summary>The scheme every endpoint uses: it forwards to the bearer token or to the sign-in cookie.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static IServiceCollection AddNewsroomSecurity(
        this IServiceCollection services, bool secureCookies, IConfiguration configuration)
    {
        // How long withdrawn access may keep working on an instance (the README's configuration table).
        var checkEvery = TimeSpan.FromSeconds(configuration.GetValue("Security:AccessCheckSeconds", 30));
        services.Configure<AccountAccess.Options>(options => options.CheckEvery = checkEvery);

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearer;
                options.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    HasBearerToken(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
                options.Events.OnMessageReceived = context =>
                {
                    // Browsers cannot set headers on a WebSocket, so SignalR sends the token in the query string.
                    if (context.Request.Path.StartsWithSegments("/hubs")
                        && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/access-denied";
                options.Cookie.Name = "newsroom.auth";
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.HttpOnly = true;
                // Outside Development the app sits behind TLS (ASPNETCORE_FORWARDEDHEADERS_ENABLED tells it so).
                options.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            }));

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CurrentUserCircuitHandler>());
        services.Configure<HubOptions>(options =>
        {
            options.AddFilter<CurrentUserHubFilter>();
            options.AddFilter<HubAccessFilter>();
        });
        services.AddSingleton<OpenHubConnections>();
        services.AddHostedService<HubAccessSweeper>();
        return services;
    }

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token"));

    private static Task ApiAwareRedirect(
        Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context,
        int statusCode)
    {
        // Scripts and hub clients want a status code, not an HTML sign-in page.
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = statusCode;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
