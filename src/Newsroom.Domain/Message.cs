using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsroom.Domain;

/// <summary>
/// A sentence kept as data: a stable code ("revision.approved") and the arguments its template needs, put into words
/// only at the edge, in the reader's language, from the code's template in <c>UiText</c>. Refusals, generated revision
/// names and notifications are all messages, so one renderer serves them. An argument is an <see cref="int"/> (a count,
/// which picks the plural form), a <see cref="string"/> (a name or people's own text, shown as written), a
/// <see cref="Stories.StoryState"/>, a <see cref="DateTimeOffset"/>, a list of strings (interface words such as roles,
/// joined with "or"), a <see cref="NameList"/> (people, joined with commas) or another message.
/// </summary>
public sealed partial record Message(string Code, IReadOnlyList<object> Args)
{
    public static Message Of(string code, params object[] args) => new(code, args);

    /// <summary>The code and its arguments, for logs, the audit log and test failures; never shown to a person as it is.</summary>
    public override string ToString() => Args.Count == 0 ? Code : $"{Code}({string.Join(", ", Args.Select(Written))})";

    /// <summary>
    /// Reads back what <see cref="ToString"/> wrote (the audit log keeps refusals so), or null when the text is not a
    /// code, such as a reason a person typed. Arguments come back as counts, story states, role lists or strings; a
    /// string argument holding ", " cannot be told from two, so the edge falls back to the text when a template's
    /// placeholders do not match.
    /// </summary>
    public static Message? Parse(string? text)
    {
        if (text is null || CodeForm().Match(text) is not { Success: true } match)
        {
            return null;
        }

        var args = match.Groups["args"].Success
            ? match.Groups["args"].Value.Split(", ").Select(Read).ToArray()
            : [];
        return new Message(match.Groups["code"].Value, args);
    }

    internal static object Written(object argument) => argument switch
    {
        DateTimeOffset at => at.ToString("u", CultureInfo.InvariantCulture),
        NameList names => string.Join(" | ", names.People),
        not string and IEnumerable<string> list => $"[{string.Join(" | ", list)}]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => argument,
    };

    private static object Read(string argument) =>
        int.TryParse(argument, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : Enum.TryParse<Stories.StoryState>(argument, ignoreCase: false, out var state) && Enum.IsDefined(state) && !argument.Any(char.IsDigit) ? state
        : argument is ['[', .., ']'] ? argument[1..^1].Split(" | ")
        : argument;

    [GeneratedRegex(@"^(?<code>[a-z][a-z0-9-]*(\.[a-z0-9-]+)+)(\((?<args>.*)\))?$", RegexOptions.Singleline)]
    private static partial Regex CodeForm();
}

/// <summary>People named in a message ("Written live by Layla, Omar"), joined as the reader's language lists names.</summary>
public sealed record NameList(IReadOnlyList<string> People)
{
    public bool Equals(NameList? other) => other is not null && People.SequenceEqual(other.People);

    public override int GetHashCode() => People.Aggregate(0, (hash, name) => HashCode.Combine(hash, name));
}
