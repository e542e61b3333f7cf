namespace Newsroom.Application.Features.Users;

/// <summary>The interface languages Newsroom speaks. English first: it is the fallback for anything untranslated.</summary>
public static class InterfaceLanguages
{
    public const string English = "en";
    public const string Arabic = "ar";

    public static IReadOnlyList<string> All { get; } = [English, Arabic];

    public static bool IsSupported(string? culture) => culture is not null && All.Contains(culture);
}
