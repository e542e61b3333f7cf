using Bunit;
using Newsroom.Domain.Text;
using Newsroom.Web.Components.Pages.Revisions;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Components;

public sealed class DiffViewTests : IDisposable
{
    private readonly BunitContext _bunit = ComponentContext.New();

    [Fact]
    public void An_Arabic_diff_reads_right_to_left_with_insertions_and_deletions_marked()
    {
        var diff = WordDiff.Compare("قال المصدر gettyimages 2230342714 اليوم", "قال المصدر gettyimages 2230342715 أمس");

        var view = _bunit.Render<DiffView>(p => p
            .Add(c => c.Segments, diff.Segments)
            .Add(c => c.Direction, "rtl")
            .Add(c => c.Language, "ar"));

        var root = view.Find("div.diff");
        Assert.Equal(("rtl", "ar"), (root.GetAttribute("dir"), root.GetAttribute("lang")));
        Assert.Equal("2230342714 اليوم", view.Find("del").TextContent);
        Assert.Equal("2230342715 أمس", view.Find("ins").TextContent);
        Assert.Equal("gettyimages", view.Find("span bdi[dir=ltr]").TextContent.Trim());
    }

    [Fact]
    public void Markup_in_the_text_is_shown_as_text_never_run()
    {
        var diff = WordDiff.Compare("safe", "<img src=x onerror=alert(1)>");

        var view = _bunit.Render<DiffView>(p => p
            .Add(c => c.Segments, diff.Segments)
            .Add(c => c.Direction, "ltr")
            .Add(c => c.Language, "en"));

        Assert.Empty(view.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)>", view.Find("ins").TextContent);
        Assert.Contains("&lt;", view.Markup, StringComparison.Ordinal);
    }

    public void Dispose() => _bunit.Dispose();
}
