using Newsroom.Testing;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Tests.Localization;

public sealed class BidiRunsTests
{
    [Theory]
    [InlineData("صورة gettyimages 2230342714، من الأرشيف", "gettyimages 2230342714")]
    [InlineData("المصدر: https://example.com/news?id=12 اليوم", "https://example.com/news?id=12")]
    [InlineData("قال Ali Hussain إن", "Ali Hussain")]
    [InlineData("راسلنا على desk@newsroom.test.", "desk@newsroom.test")]
    public void Finds_the_left_to_right_run_inside_Arabic_without_the_punctuation_around_it(string text, string run)
    {
        var runs = BidiRuns.Split(text);

        Assert.Equal(run, Assert.Single(runs, r => r.LeftToRight).Text);
        Assert.Equal(text, string.Concat(runs.Select(r => r.Text)));
    }

    [Fact]
    public void Leaves_Arabic_and_its_numbers_alone_and_loses_nothing_of_the_seed_article()
    {
        Assert.DoesNotContain(BidiRuns.Split("في 2026 اندلع حريق"), r => r.LeftToRight);

        var runs = BidiRuns.Split(SeedArticle.Text);
        Assert.Equal(SeedArticle.Text, string.Concat(runs.Select(r => r.Text)));
        Assert.Equal(SeedArticle.Credit, runs.First(r => r.LeftToRight).Text);
    }
}
