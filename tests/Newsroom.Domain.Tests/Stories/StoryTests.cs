using Newsroom.Domain.Stories;

namespace Newsroom.Domain.Tests.Stories;

public sealed class StoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid Layla = Guid.NewGuid();

    private static NewStory Draft(string slug = "harbour-fire", StoryLanguage language = StoryLanguage.English) =>
        new(slug, language, "City", "Fire at the harbour", Body: "Crews were called at dawn.");

    [Fact]
    public void A_new_story_is_a_draft_bylined_to_its_author_with_revision_one()
    {
        var (story, revision) = Story.Create(Draft(), Layla, "Layla Haddad", Now);

        Assert.Equal(StoryState.Draft, story.State);
        Assert.Equal([new Byline(Layla, 0)], story.Bylines);
        Assert.True(story.IsBylined(Layla));
        Assert.Equal(1, revision.Number);
        Assert.Equal("revision.created(Layla Haddad)", revision.GeneratedName?.ToString());
        Assert.Equal(story.Id, revision.StoryId);
        Assert.Equal("Fire at the harbour", revision.Headline);
        Assert.Equal(1, story.LatestRevisionNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Harbour-Fire")]
    [InlineData("harbour fire")]
    [InlineData("harbour--fire")]
    [InlineData("-harbour")]
    [InlineData("حريق-الميناء")]
    public void Refuses_a_slug_that_is_not_lower_case_words_and_hyphens(string slug)
    {
        Assert.False(Story.IsValidSlug(slug));
        var refused = Assert.Throws<RefusedException>(() => Story.Create(Draft(slug), Layla, "Layla", Now));
        Assert.Equal(Refusal.Conflict("story.slug.invalid", slug!).ToString(), refused.Refusal.ToString());
    }

    [Fact]
    public void Refuses_a_slug_longer_than_the_limit() =>
        Assert.False(Story.IsValidSlug(new string('a', Story.MaxSlugLength + 1)));

    [Fact]
    public void Refuses_a_story_without_a_headline() =>
        Assert.Throws<RefusedException>(() =>
            Story.Create(Draft() with { Headline = "   " }, Layla, "Layla", Now));

    [Fact]
    public void Writing_direction_follows_the_language()
    {
        var (arabic, _) = Story.Create(Draft(language: StoryLanguage.Arabic), Layla, "Layla", Now);
        var (english, _) = Story.Create(Draft(), Layla, "Layla", Now);

        Assert.Equal("rtl", arabic.Language.DirAttribute());
        Assert.Equal("ar", arabic.Language.Code());
        Assert.Equal("ltr", english.Language.DirAttribute());
    }

    [Fact]
    public void Each_revision_takes_the_next_number_and_keeps_its_own_copy_of_the_fields()
    {
        var (story, first) = Story.Create(Draft() with { Tags = ["fire"] }, Layla, "Layla", Now);

        var second = story.TakeRevision("Saved by Layla", Layla, Now.AddMinutes(5));

        Assert.Equal(2, second.Number);
        Assert.Equal(Now.AddMinutes(5), story.UpdatedAt);
        Assert.NotSame(first.Tags, second.Tags);
        Assert.Equal(["fire"], second.Tags);
    }

    [Fact]
    public void Tags_are_trimmed_and_deduplicated_ignoring_case()
    {
        var (story, _) = Story.Create(Draft() with { Tags = [" Fire ", "fire", "", "Port"] }, Layla, "Layla", Now);

        Assert.Equal(["Fire", "Port"], story.Tags);
    }

    [Theory]
    [InlineData("ar", StoryLanguage.Arabic)]
    [InlineData("en", StoryLanguage.English)]
    public void Language_codes_round_trip(string code, StoryLanguage language)
    {
        Assert.Equal(language, StoryLanguages.Parse(code));
        Assert.Equal(code, language.Code());
    }

    [Fact]
    public void An_unknown_language_code_is_refused_with_the_choices() =>
        Assert.Equal("story.language.unknown(fr)", Assert.Throws<RefusedException>(() => StoryLanguages.Parse("fr")).Refusal.ToString());
}
