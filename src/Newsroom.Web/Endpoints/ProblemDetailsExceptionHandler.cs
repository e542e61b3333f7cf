using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;
using Newsroom.Domain.Workflow;

namespace Newsroom.Web.Endpoints;

/// <summary>Turns the pipeline's refusals into RFC 7807 problem details that say what to do.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(
                validation.Errors
                    .GroupBy(e => JsonName(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
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
            NotAllowedException notAllowed => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Not allowed.",
                Detail = notAllowed.Message,
            },
            NotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found.",
                Detail = notFound.Message,
            },
            StoryPermissionException forbidden => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Not allowed.",
                Detail = forbidden.Message,
            },
            StaleVersionException stale => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Someone else saved first.",
                Detail = stale.Message,
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Someone else saved first.",
                Detail = "This was changed by someone else after you loaded it. Reload, check their change, and try again.",
            },
            DomainRuleException rule => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Refused by a newsroom rule.",
                Detail = rule.Message,
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

    private static string JsonName(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? "" : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
