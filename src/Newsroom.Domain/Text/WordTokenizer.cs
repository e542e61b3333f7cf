using System.Globalization;

namespace Newsroom.Domain.Text;

public enum TokenKind
{
    Word,
    Space,
    Punctuation,
}

public readonly record struct Token(TokenKind Kind, string Text);

/// <summary>
/// Splits text into words, runs of white space and single punctuation marks, losslessly (the tokens join back into
/// the text). Arabic-aware: diacritics (harakat) and tatweel stay inside their word, and the Arabic comma,
/// semicolon and question mark (، ؛ ؟) separate words as their Latin counterparts do. A run with no letter or digit
/// in it (tatweel drawn as a dash, "ــ"; a stray diacritic; a bidi mark) is punctuation, not a word.
/// </summary>
public static class WordTokenizer
{
    public static IEnumerable<Token> Tokenize(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var kind = KindAt(text, i);
            if (kind == TokenKind.Punctuation)
            {
                // One mark per token; a surrogate pair (an emoji) is one mark.
                i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            }
            else
            {
                while (i < text.Length && (KindAt(text, i) == kind || (kind == TokenKind.Word && IsInnerApostrophe(text, i))))
                {
                    i++;
                }
            }

            if (kind == TokenKind.Word && !HasLetterOrDigit(text, start, i))
            {
                kind = TokenKind.Punctuation;
            }

            yield return new Token(kind, text[start..i]);
        }
    }

    public static int CountWords(string text) => Tokenize(text).Count(t => t.Kind == TokenKind.Word);

    private static TokenKind KindAt(string text, int index)
    {
        var c = text[index];
        if (char.IsWhiteSpace(c))
        {
            return TokenKind.Space;
        }

        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.Format => TokenKind.Word,
            _ => TokenKind.Punctuation,
        };
    }

    /// <summary>Tatweel (U+0640) only stretches the letters beside it: it is a letter to Unicode, never to a reader.</summary>
    public const char Tatweel = '\u0640';

    private static bool HasLetterOrDigit(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] != Tatweel && (char.IsLetter(text[i]) || char.IsDigit(text[i])))
            {
                return true;
            }
        }

        return false;
    }

    // "don't", "O’Brien": an apostrophe between two letters belongs to the word.
    private static bool IsInnerApostrophe(string text, int index) =>
        text[index] is '\'' or '\u2019'
        && index + 1 < text.Length
        && char.IsLetter(text[index + 1])
        && index > 0
        && char.IsLetter(text[index - 1]);
}
