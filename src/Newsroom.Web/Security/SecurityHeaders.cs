namespace Newsroom.Web.Security;

/// <summary>
/// Headers on every response, pages, API, feeds and static files alike: a Content-Security-Policy that lets only the
/// app's own scripts run (Blazor, reconnect.js and the editor bundle are all files; no inline script), and no framing,
/// no MIME sniffing, no Referer beyond the site (preview links carry a token).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // style-src allows inline styles: components set CSS variables in style attributes (presence colours) and the
    // editor's CodeMirror injects its theme; styles cannot run code. img-src allows https: for lead images
    // hosted elsewhere. connect-src 'self' covers the SignalR WebSockets to the same host.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
