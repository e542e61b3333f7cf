using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>The change that turns one whole text into another, as a restored revision does to a live text.</summary>
public static class TextReplacement
{
    /// <summary>
    /// Only the middle that differs is replaced, so carets and comment anchors outside it stay put. Null when the texts
    /// are the same.
    /// </summary>
    public static ChangeSet? Between(string current, string text)
    {
        if (current == text)
        {
            return null;
        }

        var prefix = 0;
        while (prefix < current.Length && prefix < text.Length && current[prefix] == text[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < current.Length - prefix && suffix < text.Length - prefix
               && current[current.Length - 1 - suffix] == text[text.Length - 1 - suffix])
        {
            suffix++;
        }

        return ChangeSet.Replace(current.Length, prefix, current.Length - suffix, text[prefix..(text.Length - suffix)]);
    }
}
