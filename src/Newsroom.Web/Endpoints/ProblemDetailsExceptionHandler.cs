using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Newsroom.Application.Common;
using Newsroom.Domain;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Endpoints;

/// <summary>
/// Turns the pipeline's refusals into RFC 7807 problem details that say what to do: the status from the refusal's
/// kind (<see cref="Refusals"/>), and the detail in the language the client asked for (<c>Accept-Language</c>).
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, IStringLocalizer<UiText> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(
                validation.Errors
                    .GroupBy(e => JsonName(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => RefusalText.Render(e, ClientCulture(httpContext) ?? English)).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some fields need attention.",
            },
            BadHttpRequestException unreadable => new ProblemDetails
            {
                Status = unreadable.StatusCode,
                Title = "The request could not be read.",
                Detail = $"{unreadable.Message} Check that the body is well-formed JSON with the expected fields.",
            },
            _ when Refusals.KindOf(exception) is { } kind => new ProblemDetails
            {
                Status = kind switch
                {
                    RefusalKind.Invalid => StatusCodes.Status400BadRequest,
                    RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
                    RefusalKind.NotFound => StatusCodes.Status404NotFound,
                    RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
                    _ => StatusCodes.Status409Conflict,
                },
                Title = Refusals.IsStale(exception) ? "Someone else saved first." : kind switch
                {
                    RefusalKind.Invalid => "The request was refused.",
                    RefusalKind.Forbidden => "Not allowed.",
                    RefusalKind.NotFound => "Not found.",
                    RefusalKind.Unavailable => "Try again shortly.",
                    _ => "Refused by a newsroom rule.",
                },
                Detail = exception is RefusedException refused
                    ? RefusalText.Render(refused.Refusal, ClientCulture(httpContext) ?? English)
                    : InClientLanguage(httpContext, Refusals.MessageOf(exception)),
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // The request's culture (Accept-Language, or the interface cookie) as the localization middleware chose it: the
    // handler runs outside that middleware's scope, so the culture is set again around the lookup.
    private string InClientLanguage(HttpContext httpContext, string message)
    {
        var culture = ClientCulture(httpContext);
        if (culture is null)
        {
            return message;
        }

        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            var localized = text[message];
            return localized.ResourceNotFound ? message : localized.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static CultureInfo? ClientCulture(HttpContext httpContext) =>
        httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;

    private static string JsonName(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? "" : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
