namespace Newsroom.Web.Localization;

/// <summary>
/// Finds the left-to-right runs inside text that may be read right to left: Latin words, image credits
/// ("gettyimages 2230342714"), URLs, e-mail addresses. Each is isolated (<c>&lt;bdi dir="ltr"&gt;</c>) so its slashes,
/// dots and numbers stay in its own order instead of being pulled into the Arabic around it.
/// </summary>
public static class BidiRuns
{
    public readonly record struct Run(string Text, bool LeftToRight);

    public static IReadOnlyList<Run> Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var runs = new List<Run>();
        var plainStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsLatinLetter(text[i]))
            {
                i++;
                continue;
            }

            // From a Latin letter, take Latin letters, digits and the neutrals that join them (a URL's / . : ? = &, a
            // space between two Latin words), ending at the last letter or digit, so a trailing space or Arabic comma
            // stays outside.
            var start = i;
            var end = i + 1;
            for (var j = i + 1; j < text.Length && (IsLatinLetter(text[j]) || char.IsAsciiDigit(text[j]) || IsJoiner(text[j])); j++)
            {
                if (IsLatinLetter(text[j]) || char.IsAsciiDigit(text[j]))
                {
                    end = j + 1;
                }
            }

            if (start > plainStart)
            {
                runs.Add(new Run(text[plainStart..start], false));
            }

            runs.Add(new Run(text[start..end], true));
            plainStart = i = end;
        }

        if (plainStart < text.Length)
        {
            runs.Add(new Run(text[plainStart..], false));
        }

        return runs;
    }

    private static bool IsLatinLetter(char c) => char.IsAsciiLetter(c) || (c is >= '\u00C0' and <= '\u024F' && char.IsLetter(c));

    private static bool IsJoiner(char c) => c is ' ' or '.' or '/' or ':' or '-' or '_' or '?' or '=' or '&' or '@' or '#' or '%' or '+' or '\'' or '\u2019' or '~';
}
