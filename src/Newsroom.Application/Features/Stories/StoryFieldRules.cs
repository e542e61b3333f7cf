using FluentValidation;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Stories;

/// <summary>The field rules every form and API that writes a story shares, with the limits the domain sets.</summary>
public static class StoryFieldRules
{
    public static IRuleBuilderOptions<T, string> Desk<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Story.MaxDeskLength);

    public static IRuleBuilderOptions<T, string> Headline<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Story.MaxHeadlineLength);

    public static IRuleBuilderOptions<T, string?> Standfirst<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Story.MaxStandfirstLength);

    public static IRuleBuilderOptions<T, string?> Body<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Story.MaxBodyLength);

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
            .WithMessage($"A story takes at most {Story.MaxTags} tags of up to {Story.MaxTagLength} characters.");

    public static IRuleBuilderOptions<T, int?> WordBudget<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Story.MaxWordBudget);
}
