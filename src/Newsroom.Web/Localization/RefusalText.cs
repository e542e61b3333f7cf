using System.Globalization;
using System.Resources;
using Newsroom.Domain;
using Newsroom.Domain.Stories;

namespace Newsroom.Web.Localization;

/// <summary>
/// A <see cref="Refusal"/> in the reader's language: its code is the key of a template in <c>UiText</c> ("Can't
/// publish: {0} unresolved comments."), its arguments fill the placeholders. A count picks the template's plural form
/// when the language has one (<c>code#one</c>, and in Arabic also <c>#two</c>, <c>#few</c>, <c>#many</c>), and is
/// written as the reader's culture writes numbers; a story state is written as the interface names it; a list of names (roles) as "A or B". The pages pass
/// their interface culture, the API the request's <c>Accept-Language</c>, the hubs the caller's culture.
/// </summary>
public static class RefusalText
{
    private static readonly ResourceManager Resources = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    /// <summary>The plural forms a template may have besides its plain key, which is the "other" form.</summary>
    public static readonly string[] PluralForms = ["zero", "one", "two", "few", "many"];

    public static string Render(Refusal refusal, CultureInfo? culture = null, Func<string, string>? digits = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var count = refusal.Args.OfType<int>().Select(n => (int?)n).FirstOrDefault();
        var template = (count is { } n ? Text($"{refusal.Code}#{PluralForm(n, culture)}", culture) : null)
            ?? Text(refusal.Code, culture)
            ?? refusal.ToString();
        var args = refusal.Args.Select(a => Argument(a, culture, digits)).ToArray();
        return string.Format(culture, template, args);
    }

    /// <summary>What a person is told about a refused request: a <see cref="Refusal"/> rendered, anything else as written.</summary>
    public static string MessageOf(Exception exception, CultureInfo? culture = null) =>
        exception is RefusedException refused ? Render(refused.Refusal, culture) : Application.Common.Refusals.MessageOf(exception);

    /// <summary>The CLDR plural category of <paramref name="n"/> in the culture's language (English and Arabic).</summary>
    public static string PluralForm(int n, CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "ar" => n switch
        {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ when n % 100 is >= 3 and <= 10 => "few",
            _ when n % 100 is >= 11 and <= 99 => "many",
            _ => "other",
        },
        _ => n == 1 ? "one" : "other",
    };

    private static object Argument(object argument, CultureInfo culture, Func<string, string>? digits) => argument switch
    {
        int n => (digits ?? (s => s))(n.ToString("N0", culture)),
        StoryState state => Text(Story.Describe(state), culture) ?? Story.Describe(state),
        not string and IEnumerable<string> names => string.Join(Text("list.or", culture), names.Select(n => Text(n, culture) ?? n)),
        _ => argument,
    };

    private static string? Text(string key, CultureInfo culture) => Resources.GetString(key, culture);
}
