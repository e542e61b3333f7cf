using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Results;
using Newsroom.Application.Features.Users;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;

namespace Newsroom.Web.Localization;

/// <summary>
/// A <see cref="Message"/> in the reader's language: refusals, generated revision names and notifications. Its code is
/// the key of a template in <c>UiText</c> ("Can't publish: {0} unresolved comments."), its arguments fill the
/// placeholders. A count picks the template's plural form when the language has one (<c>code#one</c>, and in Arabic
/// also <c>#two</c>, <c>#few</c>, <c>#many</c>), and is written as the reader's culture writes numbers; a story state is
/// written as the interface names it; a list of words (roles) as "A or B"; people (<see cref="NameList"/>) joined with
/// the language's comma; a time as the culture writes dates; a nested message rendered the same way. The pages pass
/// their interface culture, the API the request's <c>Accept-Language</c>, the hubs the caller's culture.
/// </summary>
public static partial class RefusalText
{
    private static readonly ResourceManager Resources = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    /// <summary>The plural forms a template may have besides its plain key, which is the "other" form.</summary>
    public static readonly string[] PluralForms = ["zero", "one", "two", "few", "many"];

    public static string Render(Refusal refusal, CultureInfo? culture = null, Func<string, string>? digits = null) =>
        Render(refusal.Message, culture, digits);

    public static string Render(Message message, CultureInfo? culture = null, Func<string, string>? digits = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        if (Template(message, culture) is not { } template)
        {
            return message.ToString();
        }

        var args = message.Args.Select(a => Argument(a, culture, digits)).ToArray();
        return string.Format(culture, template, args);
    }

    /// <summary>A name or notification text: its message rendered when it has one, else the literal text it was given.</summary>
    public static string Render(Message? message, string literal, CultureInfo? culture = null, Func<string, string>? digits = null) =>
        message is null ? literal : Render(message, culture, digits);

    /// <summary>
    /// A reason as the audit log stores it. A step that went through keeps the reason a person typed (a legal hold's),
    /// shown as written. A refused one keeps its refusal in code form (<see cref="Message.ToString"/>), rendered in the
    /// reader's language; a refusal that is not a code (a validation message, a sentence from before codes) is shown as
    /// its translation if the interface has one, else as written. The stored row is never changed: its hash is of it.
    /// </summary>
    public static string AuditReason(string text, AuditOutcome outcome, CultureInfo? culture = null, Func<string, string>? digits = null)
    {
        if (outcome == AuditOutcome.Succeeded)
        {
            return text;
        }

        culture ??= CultureInfo.CurrentUICulture;
        return Message.Parse(text) is { } message && Template(message, culture) is { } template
            && Placeholders().Matches(template).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() < message.Args.Count
            ? Render(message, culture, digits)
            : Text(text, culture) ?? text;
    }

    private static string? Template(Message message, CultureInfo culture)
    {
        var count = message.Args.OfType<int>().Select(n => (int?)n).FirstOrDefault();
        return (count is { } n ? Text($"{message.Code}#{PluralForm(n, culture)}", culture) : null) ?? Text(message.Code, culture);
    }

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholders();

    /// <summary>
    /// A validation failure in the reader's language: its <see cref="Message"/> when it carries one
    /// (<c>Application/Common/ValidationMessages</c>) and the language has its template; else the translation of its
    /// sentence (a constant sentence is its own key); else FluentValidation's own wording of a rule it words itself
    /// ("'Body' must not be empty.") in that language; else as written. The pages, the API and the hubs all ask here.
    /// </summary>
    public static string Render(ValidationFailure failure, CultureInfo? culture = null, Func<string, string>? digits = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        if (failure.CustomState is Message message && Template(message, culture) is not null)
        {
            return Render(message, culture, digits);
        }

        return Text(failure.ErrorMessage, culture) ?? BuiltIn(failure, culture) ?? failure.ErrorMessage;
    }

    // FluentValidation words its own rules in the culture current while it validates; the message is worded again in
    // the reader's only when it is exactly that wording in a language the interface speaks, never a sentence of ours.
    private static string? BuiltIn(ValidationFailure failure, CultureInfo culture)
    {
        if (string.IsNullOrEmpty(failure.ErrorCode) || failure.FormattedMessagePlaceholderValues is not { } values)
        {
            return null;
        }

        string? Worded(CultureInfo language)
        {
            var template = ValidatorOptions.Global.LanguageManager.GetString(failure.ErrorCode, language);
            if (string.IsNullOrEmpty(template))
            {
                return null;
            }

            var formatter = new MessageFormatter();
            foreach (var (name, value) in values)
            {
                formatter.AppendArgument(name, value);
            }

            return formatter.BuildMessage(template);
        }

        return InterfaceLanguages.All.Any(language => Worded(CultureInfo.GetCultureInfo(language)) == failure.ErrorMessage) ? Worded(culture) : null;
    }

    /// <summary>What a person is told about a refused request: a <see cref="Refusal"/> or validation failures rendered, anything else as written.</summary>
    public static string MessageOf(Exception exception, CultureInfo? culture = null) => exception switch
    {
        RefusedException refused => Render(refused.Refusal, culture),
        ValidationException validation => string.Join(" ", validation.Errors.Select(f => Render(f, culture)).Distinct()),
        _ => Application.Common.Refusals.MessageOf(exception),
    };

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
        DateTimeOffset at => (digits ?? (s => s))(at.ToLocalTime().ToString("g", culture)),
        NameList names => string.Join(Text(", ", culture), names.People),
        Message nested => Render(nested, culture, digits),
        StoryState state => Text(Story.Describe(state), culture) ?? Story.Describe(state),
        not string and IEnumerable<string> names => string.Join(Text("list.or", culture), names.Select(n => Text(n, culture) ?? n)),
        _ => argument,
    };

    private static string? Text(string key, CultureInfo culture) => Resources.GetString(key, culture);
}
