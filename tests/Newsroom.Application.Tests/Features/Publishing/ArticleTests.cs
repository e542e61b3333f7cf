using Newsroom.Application.Features.Publishing;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Users;
using Newsroom.Application.Features.Workflow;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Publishing;

public sealed class ArticleTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task Readers_get_a_published_story_with_its_authors_bios_and_more_from_the_author()
    {
        var newsroom = await Staff.OpenAsync(App);
        await newsroom.SendAsync(newsroom.Layla, new UpdateBio.Command(newsroom.Layla.Id, "Layla covers city hall."));
        var older = await newsroom.PublishedAsync(new CreateStory.Command("older", "en", "Local", "An older story"));
        await newsroom.PublishedAsync(new CreateStory.Command(
            "souk", "ar", "Local", "السوق القديم", Body: "**افتتاح** السوق.\n\nفقرة ثانية.",
            LeadImageUrl: "https://images.example.org/souk.jpg", LeadImageCaption: "السوق", LeadImageCredit: "NewsroomPhoto 1"));

        var article = await App.SendAsync(null, new GetArticle.Query("souk"));

        Assert.Equal(("ar", "rtl", "السوق القديم"), (article.Language, article.Direction, article.Headline));
        Assert.Equal("<p><strong>افتتاح</strong> السوق.</p>\n<p>فقرة ثانية.</p>\n", article.BodyHtml);
        Assert.Equal(("Layla Haddad", "Layla covers city hall."), (Assert.Single(article.Authors).DisplayName, article.Authors[0].Bio));
        Assert.Equal("older", Assert.Single(article.MoreFromAuthors).Slug);
        Assert.NotNull(article.FirstPublishedAt);
        Assert.Equal("NewsroomPhoto 1", article.LeadImage.Credit);
        Assert.NotEqual(Guid.Empty, older);
    }

    [Fact]
    public async Task Drafts_are_not_found_by_readers_but_the_newsroom_previews_them()
    {
        var newsroom = await Staff.OpenAsync(App);
        var draft = await newsroom.StoryInAsync(StoryState.Draft);
        var slug = (await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(draft))).Slug;

        Assert.Equal(RefusalKind.NotFound, (await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new GetArticle.Query(slug)))).Refusal.Kind);
        var preview = await newsroom.SendAsync(newsroom.Tom, new GetArticlePreview.Query(draft));
        var refusal = await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new GetArticlePreview.Query(draft)));

        Assert.Equal((draft, StoryState.Draft, false), (preview.Id, preview.State, preview.IsLive));
        Assert.Equal("not-allowed.sign-in", refusal.Refusal.Code);
    }

    [Fact]
    public async Task A_correction_or_unpublishing_reaches_readers_at_once_despite_the_cache()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.PublishedAsync(new CreateStory.Command("fire", "en", "Local", "Fire at the harbour", Body: "It was on Monday."));
        var first = await App.SendAsync(null, new GetArticle.Query("fire"));
        var cached = await App.SendAsync(null, new GetArticle.Query("fire"));

        await newsroom.SendAsync(newsroom.Samira, new Correct.Command(id, "An earlier version gave the wrong day.", Body: "It was on Tuesday."));
        var corrected = await App.SendAsync(null, new GetArticle.Query("fire"));
        await newsroom.SendAsync(newsroom.Samira, new Unpublish.Command(id));

        Assert.Same(first, cached);
        Assert.Equal("<p>It was on Monday.</p>\n", first.BodyHtml);
        Assert.Equal("<p>It was on Tuesday.</p>\n", corrected.BodyHtml);
        Assert.Equal("An earlier version gave the wrong day.", Assert.Single(corrected.Corrections).Note);
        Assert.Equal(RefusalKind.NotFound, (await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new GetArticle.Query("fire")))).Refusal.Kind);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void Markdown_bodies_lose_every_script_and_event_handler(string payload)
    {
        var html = ArticleHtml.FromMarkdown($"Before {payload} after");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<[^>]+\\son[a-z]+=", html);
        Assert.StartsWith("<p>Before ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_indented_line_is_a_paragraph_that_wraps_not_a_code_block()
    {
        var html = ArticleHtml.FromMarkdown("خبر.\n\n    Ali Hussain is an award-winning news reporter.");

        Assert.DoesNotContain("<pre", html, StringComparison.Ordinal);
        Assert.Contains("<p>Ali Hussain is an award-winning news reporter.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_edit_their_own_bio_and_administrators_anyones()
    {
        var newsroom = await Staff.OpenAsync(App);

        await newsroom.SendAsync(newsroom.Nour, new UpdateBio.Command(newsroom.Tom.Id, "Tom reports on transport."));
        var refusal = await Assert.ThrowsAsync<RefusedException>(() =>
            newsroom.SendAsync(newsroom.Layla, new UpdateBio.Command(newsroom.Tom.Id, "Hijacked")));
        var invalid = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            newsroom.SendAsync(newsroom.Tom, new UpdateBio.Command(newsroom.Tom.Id, new string('x', 501))));

        Assert.Equal("not-allowed.own-bio(Layla Haddad)", refusal.Refusal.ToString());
        Assert.Equal("Bio", Assert.Single(invalid.Errors).PropertyName);
        var profile = await newsroom.SendAsync(newsroom.Layla, new GetProfile.Query(newsroom.Tom.Id));
        Assert.Equal(("Tom Becker", "Tom reports on transport."), (profile.DisplayName, profile.Bio));
    }
}
