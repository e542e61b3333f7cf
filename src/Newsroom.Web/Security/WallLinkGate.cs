using System.Globalization;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.Extensions.Localization;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Security;

/// <summary>
/// <c>/wall/{token}</c> needs no sign-in, so anyone can ask for it with any token. A token that opens no screen
/// (wrong, revoked, expired) gets a plain 404 page here, before Blazor: no circuit, no script, nothing that
/// re-reads the board on every story change.
/// </summary>
internal sealed class WallLinkGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IMediator mediator, IStringLocalizer<UiText> text)
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && context.Request.Path.StartsWithSegments("/wall", out var rest)
            && rest.Value is { Length: > 1 } tail && tail.IndexOf('/', 1) < 0
            && !await mediator.Send(new CheckDisplayLink.Query(tail[1..]), context.RequestAborted))
        {
            var html = HtmlEncoder.Default;
            var culture = CultureInfo.CurrentUICulture;
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                $"""
                <!DOCTYPE html>
                <html lang="{culture.TwoLetterISOLanguageName}" dir="{(culture.TextInfo.IsRightToLeft ? "rtl" : "ltr")}">
                <head><meta charset="utf-8" /><title>{html.Encode(text["This wall screen link does not work"])}</title></head>
                <body><main><h1>{html.Encode(text["This wall screen link does not work"])}</h1>
                <p>{html.Encode(text["It was revoked, has expired or was mistyped. Ask a Newsroom administrator for a new link."])}</p></main></body>
                </html>
                """,
                context.RequestAborted);
            return;
        }

        await next(context);
    }
}
