using FluentValidation;
using Newsroom.Application.Features.Search;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Testing;
using Newsroom.Domain;

namespace Newsroom.Application.Tests.Features.Search;

/// <summary>
/// Full-text search as people type it: the real Arabic seed article, an Arabic story written with ى, tatweel and
/// وال…, an English story, and an Arabic draft readers must not find.
/// </summary>
public sealed class SearchTests(ApplicationFixture app) : DatabaseTest(app)
{
    public static TheoryData<string, string[]> Table => new()
    {
        { "الكرملين", ["kremlin-call"] },
        // Tatweel typed into the query.
        { "الكرمـــلين", ["kremlin-call"] },
        // و / ف typed before ال: "and the Kremlin", "so the Kremlin".
        { "والكرملين", ["kremlin-call"] },
        { "فالكرملين", ["kremlin-call"] },
        // The story writes only "والسوق"; readers search for "السوق".
        { "السوق", ["souk-reopens"] },
        // Written with ى (alef maqsura), typed with ي, and the other way round.
        { "مستشفي", ["souk-reopens"] },
        { "المستشفى", ["souk-reopens"] },
        // Written with tatweel (الكـــهرباء), typed without.
        { "الكهرباء", ["souk-reopens"] },
        // Diacritics typed, and alef without hamza for أوكرانيا: the built-in configuration folds both.
        { "بُوتِين", ["kremlin-call"] },
        { "اوكرانيا", ["kremlin-call"] },
        // "والإفراج" in the article, "الإفراج" in the query.
        { "الإفراج", ["kremlin-call"] },
        { "بوتين والسوق", [] },
        // English, stemmed: "welcome" finds "welcomed"; an English name inside the Arabic article.
        { "harbour", ["night-buses"] },
        { "welcome", ["night-buses"] },
        { "Hussain", ["kremlin-call"] },
        { "\"night bus\"", ["night-buses"] },
        { "طوكيو", [] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Readers_find_published_stories_the_way_people_type(string query, string[] expected)
    {
        await SeedAsync();

        var hits = await App.SendAsync(null, new SearchPublished.Query(query));

        Assert.Equal(expected.Order(), hits.Select(h => h.Slug).Order());
    }

    [Fact]
    public async Task The_newsroom_also_finds_drafts_and_readers_do_not()
    {
        var newsroom = await SeedAsync();

        var staff = await newsroom.SendAsync(newsroom.Tom, new SearchStories.Query("الكرملين"));
        var readers = await App.SendAsync(null, new SearchPublished.Query("الكرملين"));

        Assert.Equal(["kremlin-call", "kremlin-draft"], staff.Select(h => h.Slug).Order());
        Assert.Equal(["kremlin-call"], readers.Select(h => h.Slug));
        await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new SearchStories.Query("الكرملين")));
    }

    [Fact]
    public async Task Matches_are_highlighted_as_parts_never_as_markup()
    {
        var newsroom = await SeedAsync();

        var hit = Assert.Single(await newsroom.SendAsync(newsroom.Tom, new SearchStories.Query("مستشفي")));
        var english = Assert.Single(await newsroom.SendAsync(newsroom.Tom, new SearchStories.Query("harbour")));

        Assert.Equal("rtl", hit.Direction);
        Assert.Contains(hit.Snippet, p => p.Match && p.Text == "مستشفي");
        Assert.Contains(english.Snippet, p => p.Match && p.Text == "harbour");
    }

    [Fact]
    public async Task An_empty_query_is_refused_with_a_message()
    {
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(null, new SearchPublished.Query("  ")));

        Assert.Equal("Type something to search for.", Assert.Single(refusal.Errors).ErrorMessage);
    }

    private async Task<Staff> SeedAsync()
    {
        var newsroom = await Staff.OpenAsync(App);
        await newsroom.PublishedAsync(new CreateStory.Command(
            "kremlin-call", "ar", "World", SeedArticle.Headline, Body: SeedArticle.Text, LeadImageCredit: SeedArticle.Credit));
        await newsroom.PublishedAsync(new CreateStory.Command(
            "souk-reopens", "ar", "Local", "نقل المصابين إلى مستشفى المدينة",
            Body: "أعادت البلدية افتتاح المحال والسوق بعد عامين، وعادت الكـــهرباء إلى الممرات."));
        await newsroom.PublishedAsync(new CreateStory.Command(
            "night-buses", "en", "Transport", "Council backs night bus pilot for the harbour district",
            Body: "Shift workers at the port welcomed the vote."), newsroom.Tom);
        await newsroom.SendAsync(newsroom.Layla, new CreateStory.Command("kremlin-draft", "ar", "World", "مسودة عن الكرملين"));
        return newsroom;
    }
}
