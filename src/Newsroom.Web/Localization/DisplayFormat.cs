using System.Globalization;

namespace Newsroom.Web.Localization;

/// <summary>
/// Numbers and dates as this person reads them: in the interface culture, and in Arabic-Indic digits (٠١٢٣) when
/// they chose them. .NET formats every culture with ASCII digits (it never applies NativeDigits), so the digits are
/// swapped here, after formatting. One per circuit (or request); <c>Routes</c> sets the digits from the cookie.
/// </summary>
public sealed class DisplayFormat
{
    public bool ArabicIndicDigits { get; set; }

    private bool UseArabicIndic => ArabicIndicDigits && CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "ar";

    /// <summary>The BCP 47 tag the browser formats with (Intl.NumberFormat), numbering system included.</summary>
    public string BrowserLocale => CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "ar"
        ? (ArabicIndicDigits ? "ar-u-nu-arab" : "ar-u-nu-latn")
        : CultureInfo.CurrentCulture.Name;

    public string Number(long value) => Digits(value.ToString("N0", CultureInfo.CurrentCulture));

    /// <summary>Date and short time, in the server's zone, as the interface culture writes them.</summary>
    public string Date(DateTimeOffset at) => Digits(at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture));

    /// <summary>Day, month name and year, with the time when asked: the readers' article page.</summary>
    public string LongDate(DateTimeOffset at, bool withTime = true) =>
        Digits(at.ToLocalTime().ToString(withTime ? "d MMMM yyyy, HH:mm" : "d MMMM yyyy", CultureInfo.CurrentCulture));

    /// <summary>Hours and minutes (or a pattern of the caller's) for clocks and hour axes.</summary>
    public string Time(DateTimeOffset at, string pattern = "HH:mm") => Digits(at.ToString(pattern, CultureInfo.CurrentCulture));

    /// <summary>The interface's language and direction, for chrome inside a story of another language.</summary>
    public static string InterfaceLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static string InterfaceDirection => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? "rtl" : "ltr";

    public string DateUtc(DateTimeOffset at) => Digits(at.UtcDateTime.ToString("g", CultureInfo.CurrentCulture));

    /// <summary>Writes the digits of an already formatted string in the chosen numbering system.</summary>
    public string Digits(string formatted)
    {
        if (!UseArabicIndic)
        {
            return formatted;
        }

        return string.Create(formatted.Length, formatted, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= '0' and <= '9' ? (char)('\u0660' + (source[i] - '0')) : source[i];
            }
        });
    }
}
