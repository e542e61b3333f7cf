using System.Globalization;
using System.Resources;

namespace Newsroom.Web.Localization;

/// <summary>
/// Data-annotation messages in the interface language: attributes can only name a static property
/// (<c>ErrorMessageResourceType</c>), so these read UiText's resources the way IStringLocalizer does.
/// </summary>
public static class ValidationText
{
    private static readonly ResourceManager Resources = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    public static string EnterEmail => Get("Enter your email address.");

    public static string EnterValidEmail => Get("Enter an email address such as name@example.com.");

    public static string EnterPassword => Get("Enter your password.");

    private static string Get(string english) => Resources.GetString(english, CultureInfo.CurrentUICulture) ?? english;
}
