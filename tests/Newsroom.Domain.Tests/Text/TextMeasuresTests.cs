using System.Text.Json;
using Newsroom.Domain.Text;
using Newsroom.Testing;

namespace Newsroom.Domain.Tests.Text;

public sealed class TextMeasuresTests
{
    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Why));

    private static readonly Case[] Cases = JsonSerializer.Deserialize<Case[]>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Text", "text-measure-cases.json")),
        JsonSerializerOptions.Web)!;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Measures_each_shared_case_as_counted_by_hand(string why)
    {
        var c = Cases.Single(x => x.Why == why);

        var measure = TextMeasures.Measure(c.Text);

        Assert.Equal(
            (c.Words, c.ArabicWords, c.Characters, c.CharactersExcludingSpaces, c.ReadingSeconds),
            (measure.Words, measure.ArabicWords, measure.Characters, measure.CharactersExcludingSpaces, (int)measure.ReadingTime.TotalSeconds));
    }

    /// <summary>
    /// The expected numbers come from tools/seed-counts/count.py, which counts another way (deletes diacritics and
    /// tatweel, then matches runs of letters and digits with a regular expression) and printed: words 562 (arabic
    /// 473, latin 89), characters 3380, without spaces 2830, reading time 229 seconds, shown as 4 min. The article
    /// has 11 diacritics and 6 tatweels (three "ــ" dashes): counted as the Unicode letters they are, the words would be
    /// 565 and the characters 3386.
    /// </summary>
    [Fact]
    public void Measures_the_Arabic_seed_article()
    {
        var measure = TextMeasures.Measure(SeedArticle.Text);

        Assert.Equal(562, measure.Words);
        Assert.Equal(473, measure.ArabicWords);
        Assert.Equal(3380, measure.Characters);
        Assert.Equal(2830, measure.CharactersExcludingSpaces);
        Assert.Equal(TimeSpan.FromSeconds(229), measure.ReadingTime);
        Assert.Equal(4, measure.ReadingMinutes);
    }

    [Fact]
    public void Diacritics_and_tatweel_change_no_count_of_the_seed_article()
    {
        var bare = new string(SeedArticle.Text.Where(c => c is not ((>= '\u064B' and <= '\u065F') or '\u0670' or '\u0640')).ToArray());

        Assert.NotEqual(bare.Length, SeedArticle.Text.Length);
        Assert.Equal(TextMeasures.Measure(bare), TextMeasures.Measure(SeedArticle.Text));
    }

    [Theory]
    [InlineData("كلمة", 138, 60)]
    [InlineData("word", 228, 60)]
    [InlineData("كلمة", 69, 30)]
    public void Reads_each_script_at_its_own_rate(string word, int times, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TextMeasures.Measure(string.Join(' ', Enumerable.Repeat(word, times))).ReadingTime);

    [Fact]
    public void A_text_with_words_reads_in_at_least_a_minute_and_an_empty_one_in_none()
    {
        Assert.Equal(1, TextMeasures.Measure("قال").ReadingMinutes);
        Assert.Equal(0, TextMeasures.Measure("  ").ReadingMinutes);
    }

    [Theory]
    [InlineData(100, null, BudgetStatus.None)]
    [InlineData(89, 100, BudgetStatus.Under)]
    [InlineData(90, 100, BudgetStatus.Near)]
    [InlineData(100, 100, BudgetStatus.Near)]
    [InlineData(101, 100, BudgetStatus.Over)]
    public void Budget_status_turns_near_at_nine_tenths_and_over_past_the_budget(int words, int? budget, BudgetStatus status) =>
        Assert.Equal(status, TextMeasures.Budget(words, budget));

    [Fact]
    public void Fields_add_up()
    {
        var whole = TextMeasures.Measure(["عنوان الخبر", null, "نص الخبر هنا"]);

        Assert.Equal((5, 5), (whole.Words, whole.ArabicWords));
    }

    private sealed record Case(string Why, string Text, int Words, int ArabicWords, int Characters, int CharactersExcludingSpaces, int ReadingSeconds);
}
