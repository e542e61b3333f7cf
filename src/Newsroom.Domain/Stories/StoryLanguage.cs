namespace Newsroom.Domain.Stories;

public enum StoryLanguage
{
    English,
    Arabic,
}

public enum TextDirection
{
    LeftToRight,
    RightToLeft,
}

public static class StoryLanguages
{
    public static string Code(this StoryLanguage language) => language switch
    {
        StoryLanguage.Arabic => "ar",
        _ => "en",
    };

    /// <summary>A story's writing direction follows its language, never a per-story setting.</summary>
    public static TextDirection Direction(this StoryLanguage language) =>
        language == StoryLanguage.Arabic ? TextDirection.RightToLeft : TextDirection.LeftToRight;

    public static string DirAttribute(this StoryLanguage language) =>
        language.Direction() == TextDirection.RightToLeft ? "rtl" : "ltr";

    public static bool TryParse(string? code, out StoryLanguage language)
    {
        switch (code)
        {
            case "ar":
                language = StoryLanguage.Arabic;
                return true;
            case "en":
                language = StoryLanguage.English;
                return true;
            default:
                language = default;
                return false;
        }
    }

    public static StoryLanguage Parse(string code) =>
        TryParse(code, out var language)
            ? language
            : throw new RefusedException(Refusal.Conflict("story.language.unknown", code));
}
