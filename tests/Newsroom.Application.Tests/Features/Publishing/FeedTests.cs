using Newsroom.Application.Features.Publishing;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Publishing;

public sealed class FeedTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task Feeds_hold_published_stories_newest_first_for_the_site_a_desk_and_an_author()
    {
        var newsroom = await Staff.OpenAsync(App);
        await newsroom.PublishedAsync(new CreateStory.Command("souk", "ar", "Local", "السوق"));
        await newsroom.PublishedAsync(new CreateStory.Command("buses", "en", "Transport", "Buses", Standfirst: "Night routes"), newsroom.Tom);
        await newsroom.StoryInAsync(StoryState.Approved);

        var site = await App.SendAsync(null, new GetFeed.Query());
        var transport = await App.SendAsync(null, new GetFeed.Query(Desk: "Transport"));
        var layla = await App.SendAsync(null, new GetFeed.Query(AuthorId: newsroom.Layla.Id));

        Assert.Equal(["buses", "souk"], site.Entries.Select(e => e.Slug));
        Assert.Equal(("Newsroom: Transport", "buses", "Night routes"), (transport.Title, Assert.Single(transport.Entries).Slug, transport.Entries[0].Standfirst));
        Assert.Equal(("Newsroom: Layla Haddad", "souk", "Layla Haddad"), (layla.Title, Assert.Single(layla.Entries).Slug, layla.Entries[0].Authors[0]));
        Assert.Equal(site.Entries.Max(e => e.Updated), site.Updated);
        Assert.Equal(RefusalKind.NotFound, (await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new GetFeed.Query(AuthorId: Guid.NewGuid())))).Refusal.Kind);
    }
}
