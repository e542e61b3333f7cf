using MediatR;
using Microsoft.AspNetCore.Localization;
using Newsroom.Application.Features.Publishing;
using Newsroom.Application.Features.Users;
using Newsroom.Domain;

namespace Newsroom.Web.Localization;

/// <summary>
/// On the readers' article page, a reader who has not chosen an interface language reads the page in the article's:
/// an Arabic article is an Arabic page (<c>&lt;html lang="ar" dir="rtl"&gt;</c>, every label, date and form in Arabic),
/// not an English page with a right-to-left island. It comes after the cookie and <c>?culture=</c> (a choice) and
/// before the browser's languages (a default).
/// </summary>
/// <remarks>The article comes from <see cref="ArticleCache"/>, which the page reads a moment later anyway.</remarks>
public sealed class ArticleLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (SlugOf(httpContext.Request.Path) is not { } slug)
        {
            return null;
        }

        try
        {
            var article = await httpContext.RequestServices.GetRequiredService<IMediator>()
                .Send(new GetArticle.Query(slug), httpContext.RequestAborted);
            return article.IsLive && InterfaceLanguages.IsSupported(article.Language)
                ? new ProviderCultureResult(article.Language)
                : null;
        }
        catch (Exception e) when (e is RefusedException { Refusal.Kind: RefusalKind.NotFound } or ArticleWithheldException
                                       or FluentValidation.ValidationException)
        {
            // The page answers 404 or 451 itself; its chrome is in the reader's default language.
            return null;
        }
    }

    /// <summary>"/articles/old-souk-reopens" → "old-souk-reopens"; null for any other path (the list, a preview).</summary>
    public static string? SlugOf(PathString path)
    {
        if (!path.StartsWithSegments("/articles", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return null;
        }

        var slug = rest.Value?.Trim('/');
        return slug is { Length: > 0 } && !slug.Contains('/', StringComparison.Ordinal) ? slug : null;
    }
}
