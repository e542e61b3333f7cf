using Ganss.Xss;
using Markdig;

namespace Newsroom.Application.Features.Publishing;

/// <summary>
/// A story's Markdown body as HTML a reader's browser can be given: raw HTML in the Markdown is shown as text, and
/// what Markdig makes is sanitized again, so no script, event handler or javascript: link survives, whatever was typed.
/// </summary>
public static class ArticleHtml
{
    private static readonly MarkdownPipeline Pipeline = CreatePipeline();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string FromMarkdown(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static MarkdownPipeline CreatePipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseEmphasisExtras()
            .UsePipeTables()
            .UseAutoLinks();
        // An indented line in a story is a pasted bio or quote, not a code listing: as <pre> it would not wrap and
        // would run off the reader's screen (the seed article's English bio did, 5,000 px wide).
        builder.BlockParsers.TryRemove<Markdig.Parsers.IndentedCodeBlockParser>();
        return builder.Build();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Story text takes its direction from the page; pictures belong in the lead image, not inline from anywhere.
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener");
            }
        };
        return sanitizer;
    }
}
