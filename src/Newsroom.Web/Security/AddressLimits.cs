using System.Threading.RateLimiting;

namespace Newsroom.Web.Security;

/// <summary>
/// Limits per client address, in ASP.NET Core's rate limiter: reader comments (a POST to an article page), reader
/// searches (<c>/articles?q=</c>, each a full-text query) and sign-in attempts (the page and the API). The account lockout alone lets anyone lock an account from anywhere
/// and guess across many accounts from one address; this caps each address whatever email it tries.
/// </summary>
internal static class AddressLimits
{
    private const string Unlimited = "unlimited";

    public static IServiceCollection AddAddressLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var comments = Window(configuration, "ReaderComments", permits: 5, seconds: 600);
        var signIns = Window(configuration, "SignIn", permits: 10, seconds: 300);
        var searches = Window(configuration, "ReaderSearch", permits: 30, seconds: 60);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                Kind(http.Request) switch
                {
                    LimitKind.Comment => RateLimitPartition.GetFixedWindowLimiter("comment:" + Address(http), _ => comments),
                    LimitKind.SignIn => RateLimitPartition.GetFixedWindowLimiter("sign-in:" + Address(http), _ => signIns),
                    LimitKind.Search => RateLimitPartition.GetFixedWindowLimiter("search:" + Address(http), _ => searches),
                    _ => RateLimitPartition.GetNoLimiter(Unlimited),
                });
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    Kind(context.HttpContext.Request) switch
                    {
                        LimitKind.SignIn => "Too many sign-in attempts from your address. Wait a few minutes and try again.",
                        LimitKind.Search => "Too many searches from your address in a short time. Wait a minute and try again.",
                        _ => "Too many comments from your address in a short time. Wait a few minutes and try again.",
                    },
                    ct);
            };
        });
    }

    private enum LimitKind
    {
        None,
        Comment,
        SignIn,
        Search,
    }

    private static LimitKind Kind(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) ? (request.Path.Equals("/articles", StringComparison.OrdinalIgnoreCase)
                                             && request.Query["q"] is [{ Length: > 0 }, ..] ? LimitKind.Search : LimitKind.None)
        : !HttpMethods.IsPost(request.Method) ? LimitKind.None
        : request.Path.StartsWithSegments("/articles") ? LimitKind.Comment
        : request.Path.Equals("/api/identity/login", StringComparison.OrdinalIgnoreCase)
          || request.Path.Equals("/api/identity/refresh", StringComparison.OrdinalIgnoreCase)
          || request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase) ? LimitKind.SignIn
        : LimitKind.None;

    // The connection's address: X-Forwarded-For counts only once the forwarded-headers middleware trusts its sender.
    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(IConfiguration configuration, string section, int permits, int seconds) => new()
    {
        PermitLimit = configuration.GetValue($"{section}:PermitLimit", permits),
        Window = TimeSpan.FromSeconds(configuration.GetValue($"{section}:WindowSeconds", seconds)),
        QueueLimit = 0,
    };
}
