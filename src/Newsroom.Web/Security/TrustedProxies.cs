using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Newsroom.Web.Security;

/// <summary>
/// X-Forwarded-For and -Proto are believed only from the proxies configured in <c>ForwardedHeaders:KnownProxies</c>
/// (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges). Believed from anyone, a new header per
/// request would give every request a new client address, and the per-address limits would limit nothing.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in List(configuration, "ForwardedHeaders:KnownProxies"))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in List(configuration, "ForwardedHeaders:KnownNetworks"))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

    /// <summary>Reads forwarded headers only when some proxy is trusted; with none, the connection's own address counts.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        List(configuration, "ForwardedHeaders:KnownProxies").Length + List(configuration, "ForwardedHeaders:KnownNetworks").Length > 0
            ? app.UseForwardedHeaders()
            : app;

    private static string[] List(IConfiguration configuration, string key) =>
        (configuration[key] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
}
