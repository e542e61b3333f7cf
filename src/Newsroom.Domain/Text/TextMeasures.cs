using System.Globalization;

namespace Newsroom.Domain.Text;

public enum BudgetStatus
{
    /// <summary>The story has no word budget.</summary>
    None,
    Under,

    /// <summary>Within the last tenth of the budget: time to start cutting.</summary>
    Near,
    Over,
}

/// <summary>What a text measures: the numbers the editor's status bar, the revision list and the board show.</summary>
public sealed record TextMeasure(int Words, int ArabicWords, int Characters, int CharactersExcludingSpaces, TimeSpan ReadingTime)
{
    public static readonly TextMeasure Empty = new(0, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Whole minutes as a reader would say it: rounded, and never "0 min" for a text that has words.</summary>
    public int ReadingMinutes => Words == 0 ? 0 : Math.Max(1, (int)Math.Round(ReadingTime.TotalMinutes, MidpointRounding.AwayFromZero));

    public BudgetStatus Against(int? budget) => TextMeasures.Budget(Words, budget);
}

/// <summary>
/// The one definition of a text's length, Arabic-aware. The browser editor runs a line-for-line port
/// (<c>Web/ClientApp/src/text-measures.js</c>) checked against this one on shared cases and on the seed article.
/// <list type="bullet">
/// <item>Words are <see cref="WordTokenizer"/>'s words: diacritics (harakat U+064B–U+065F, U+0670) and tatweel (U+0640)
/// stay inside their word and never make one of their own; ، ؛ ؟ separate words; so does a hyphen.</item>
/// <item>Characters are what a reader sees as one character (extended grapheme clusters): a letter with its harakat is
/// one, an emoji is one. Tatweel, stray marks and invisible format marks count for nothing; line breaks are not
/// characters; spaces are (a headline's length includes them), and <see cref="TextMeasure.CharactersExcludingSpaces"/>
/// leaves them out.</item>
/// <item>Reading time reads each word at its script's rate: Arabic 138 words a minute, everything else 228. These
/// are the means the International Reading Speed Texts study measured for adults reading aloud
/// (Trauzettel-Klosinski and Dietz, IOVS 53:5452, 2012); Arabic is slower per word because its words are longer:
/// conjunctions, prepositions and pronouns are written into the word ("وبكتابهم", "and with their book").</item>
/// </list>
/// </summary>
public static class TextMeasures
{
    public const int ArabicWordsPerMinute = 138;
    public const int OtherWordsPerMinute = 228;

    /// <summary>From this share of the budget on, the status is <see cref="BudgetStatus.Near"/>.</summary>
    public const double NearBudget = 0.9;

    public static TextMeasure Measure(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return TextMeasure.Empty;
        }

        int words = 0, arabic = 0;
        foreach (var token in WordTokenizer.Tokenize(text))
        {
            if (token.Kind == TokenKind.Word)
            {
                words++;
                if (token.Text.Any(IsArabicScript))
                {
                    arabic++;
                }
            }
        }

        var (characters, withoutSpaces) = CountCharacters(text);
        var minutes = (double)arabic / ArabicWordsPerMinute + (double)(words - arabic) / OtherWordsPerMinute;
        return new TextMeasure(words, arabic, characters, withoutSpaces, TimeSpan.FromSeconds(Math.Round(minutes * 60, MidpointRounding.AwayFromZero)));
    }

    /// <summary>The measure of several fields read one after another (headline, standfirst, body).</summary>
    public static TextMeasure Measure(IEnumerable<string?> texts) => texts
        .Select(Measure)
        .Aggregate(TextMeasure.Empty, (a, b) => new TextMeasure(
            a.Words + b.Words, a.ArabicWords + b.ArabicWords, a.Characters + b.Characters,
            a.CharactersExcludingSpaces + b.CharactersExcludingSpaces, a.ReadingTime + b.ReadingTime));

    public static int CountWords(string? text) => string.IsNullOrEmpty(text) ? 0 : WordTokenizer.CountWords(text);

    public static BudgetStatus Budget(int words, int? budget) => budget switch
    {
        null or <= 0 => BudgetStatus.None,
        { } b when words > b => BudgetStatus.Over,
        { } b when words >= b * NearBudget => BudgetStatus.Near,
        _ => BudgetStatus.Under,
    };

    private static (int Characters, int WithoutSpaces) CountCharacters(string text)
    {
        int characters = 0, withoutSpaces = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (element is "\n" or "\r\n" or "\r" || !IsVisible(element))
            {
                continue;
            }

            characters++;
            if (!char.IsWhiteSpace(element[0]))
            {
                withoutSpaces++;
            }
        }

        return (characters, withoutSpaces);
    }

    // Spaces are visible for counting; a cluster of only tatweel, marks or format characters (RLM, ZWJ) is not.
    private static bool IsVisible(string element)
    {
        foreach (var c in element)
        {
            if (c == WordTokenizer.Tatweel)
            {
                continue;
            }

            if (char.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.Format))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The Arabic blocks: Arabic, Supplement, Extended-A, and the presentation forms.</summary>
    public static bool IsArabicScript(char c) =>
        c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF')
            or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFC');
}
