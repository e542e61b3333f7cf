using System.Globalization;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Tests.Localization;

public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData("ar", true, "٥٦٢", "ar-u-nu-arab")]
    [InlineData("ar", false, "562", "ar-u-nu-latn")]
    [InlineData("en", true, "562", "en")]
    public void Digits_are_Arabic_Indic_only_when_chosen_and_the_interface_is_Arabic(string culture, bool arabicIndic, string number, string locale)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var format = new DisplayFormat { ArabicIndicDigits = arabicIndic };

            Assert.Equal(number, format.Number(562));
            Assert.Equal(locale, format.BrowserLocale);
            Assert.Equal(arabicIndic && culture == "ar", format.Date(DateTimeOffset.UtcNow).Any(c => c is >= '\u0660' and <= '\u0669'));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
