using FluentValidation;
using Newsroom.Application.Common;
using Newsroom.Domain;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Stories;

/// <summary>The field rules every form and API that writes a story shares, with the limits the domain sets.</summary>
public static class StoryFieldRules
{
    /// <summary>
    /// Invisible control characters (U+0000–U+001F, U+007F–U+009F) arrive pasted from other programs; XML cannot
    /// hold most of them, so one in a headline broke every feed. Line breaks and tabs are text.
    /// </summary>
    public const string ControlCharacterMessage =
        "{PropertyName} contains an invisible control character (such as U+0001), usually pasted from another program. Remove it and try again; line breaks and tabs are fine.";

    public static IRuleBuilderOptions<T, string> Desk<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Story.MaxDeskLength).Must(IsPlainText).PlainText("desk");

    public static IRuleBuilderOptions<T, string> Headline<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Story.MaxHeadlineLength).Must(IsPlainText).PlainText("headline");

    public static IRuleBuilderOptions<T, string?> Standfirst<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Story.MaxStandfirstLength).Must(IsPlainText).PlainText("standfirst");

    public static IRuleBuilderOptions<T, string?> Body<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Story.MaxBodyLength).Must(IsPlainText).PlainText("body");

    // The field as the interface names it ("field:headline"), so the message reads in the reader's language.
    private static IRuleBuilderOptions<T, TProperty> PlainText<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string field) =>
        rule.Says(ControlCharacterMessage, "validation.control-character", Message.Of($"field:{field}"));

    public static bool IsPlainText(string? text) =>
        text is null || !text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    public static IRuleBuilderOptions<T, string?> ImageUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(url => string.IsNullOrEmpty(url)
                         || IsPathOnThisSite(url)
                         || (Uri.TryCreate(url, UriKind.Absolute, out var uri)
                             && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            .WithMessage("The lead image URL must be an absolute http(s) address or a path on this site.");

    // "/images/demo/port-cranes.svg": a picture the app serves itself (the demo newsroom's). "//host/x" is another
    // site's address without its scheme, so it does not count.
    private static bool IsPathOnThisSite(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Relative, out _);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> Tags<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(tags => tags is null || (tags.Count <= Story.MaxTags && tags.All(t => t.Length <= Story.MaxTagLength)))
            .Says($"A story takes at most {Story.MaxTags} tags of up to {Story.MaxTagLength} characters.", "validation.tags", Story.MaxTags, Story.MaxTagLength);

    public static IRuleBuilderOptions<T, int?> WordBudget<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Story.MaxWordBudget);
}
