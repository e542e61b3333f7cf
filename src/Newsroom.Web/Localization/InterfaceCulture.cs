using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Newsroom.Application.Features.Users;

namespace Newsroom.Web.Localization;

/// <summary>
/// Which language and digits a request is served in. The profile (and, before sign-in, the browser's storage) is where
/// the choice lives; two cookies carry it to every request, because the culture must be known before the first byte
/// of HTML (<c>&lt;html lang dir&gt;</c>), long before a Blazor circuit could read browser storage. The cookies are set
/// at sign-in from the profile, by <c>/culture</c> when someone picks, and put right by <c>CulturePicker</c> when a
/// circuit finds them out of step with the profile.
/// </summary>
public static class InterfaceCulture
{
    public const string Path = "/culture";

    /// <summary>Holds "arab" when numbers should be written in Arabic-Indic digits.</summary>
    public const string DigitsCookie = "Newsroom.Digits";

    public const string ArabicIndicDigits = "arab";
    public const string LatinDigits = "latn";

    public static void AddNewsroomLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddScoped<DisplayFormat>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = InterfaceLanguages.All.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(InterfaceLanguages.English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The cookie first (the person's choice), then ?culture= (links, tests), then on the readers' article page
            // the article's language, then the browser's languages.
            var cookie = options.RequestCultureProviders.OfType<CookieRequestCultureProvider>().Single();
            options.RequestCultureProviders.Remove(cookie);
            options.RequestCultureProviders.Insert(0, cookie);
            var browser = options.RequestCultureProviders.OfType<AcceptLanguageHeaderRequestCultureProvider>().Single();
            options.RequestCultureProviders.Insert(
                options.RequestCultureProviders.IndexOf(browser), new ArticleLanguageCultureProvider());
        });
    }

    /// <summary>Writes the cookies that carry a choice to the next requests.</summary>
    public static void Write(HttpResponse response, string culture, bool arabicIndicDigits)
    {
        var options = new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            HttpOnly = false,
            Secure = response.HttpContext.Request.IsHttps,
        };
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), options);
        response.Cookies.Append(DigitsCookie, arabicIndicDigits ? ArabicIndicDigits : LatinDigits, options);
    }

    public static bool DigitsFrom(HttpRequest request) => request.Cookies[DigitsCookie] == ArabicIndicDigits;

    /// <summary>The link that switches the interface and comes back to <paramref name="returnUrl"/>.</summary>
    public static string Link(string culture, bool arabicIndicDigits, string returnUrl) =>
        $"{Path.TrimStart('/')}?culture={culture}&digits={(arabicIndicDigits ? ArabicIndicDigits : LatinDigits)}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// GET /culture?culture=ar&amp;digits=arab&amp;returnUrl=/stories: sets the cookies and goes back. A plain link, so it
    /// works on the sign-in page too, which has no circuit. The profile is written by the picker, not here.
    /// </summary>
    public static IEndpointRouteBuilder MapInterfaceCulture(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context, string? culture, string? digits, string? returnUrl) =>
        {
            if (!InterfaceLanguages.IsSupported(culture))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown interface language",
                    detail: $"'{culture}' is not a language Newsroom speaks: use {string.Join(" or ", InterfaceLanguages.All)}.");
            }

            if (digits is not (null or ArabicIndicDigits or LatinDigits))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown digits",
                    detail: $"'{digits}' is not a numbering Newsroom writes: use {ArabicIndicDigits} (٠١٢٣) or {LatinDigits} (0123).");
            }

            Write(context.Response, culture!, digits == ArabicIndicDigits);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    // Only local paths: a crafted link must not bounce someone to another site.
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/\\", StringComparison.Ordinal);
}
