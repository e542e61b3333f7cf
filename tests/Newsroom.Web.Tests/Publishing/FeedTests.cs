using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Publishing;

/// <summary>The feeds against RFC 4287: what a feed and each entry must contain.</summary>
public sealed class FeedTests(WebFixture web) : WebTest(web)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_site_desk_and_author_feeds_are_valid_Atom()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command("kremlin-call", "ar", "World", SeedArticle.Headline, Standfirst: "مكالمة"));
        await Web.Factory.Services.PublishAsync(new CreateStory.Command("buses", "en", "Transport", "Night buses & <trams>"));
        using var reporter = await Web.ReporterAsync();
        var layla = (await Web.SendAsAsync(DemoNewsroom.Layla, new Application.Features.Users.ListStaff.Query())).Single(p => p.DisplayName == "Layla Haddad");

        var site = await FeedAsync("/feeds/atom");
        var world = await FeedAsync("/feeds/desks/World");
        var author = await FeedAsync($"/feeds/authors/{layla.Id}");

        Assert.Equal(["Night buses & <trams>", SeedArticle.Headline], Entries(site).Select(e => e.Element(Atom + "title")!.Value));
        Assert.Equal([SeedArticle.Headline], Entries(world).Select(e => e.Element(Atom + "title")!.Value));
        Assert.Equal(2, Entries(author).Count());
        Assert.Equal("ar", Entries(world).Single().Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal("http://localhost/articles/kremlin-call",
            Entries(world).Single().Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
    }

    [Fact]
    public async Task An_unknown_author_is_404_and_an_empty_desk_is_an_empty_valid_feed()
    {
        using var unknown = await Web.Anonymous().GetAsync($"/feeds/authors/{Guid.NewGuid()}");
        var empty = await FeedAsync("/feeds/desks/Nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(Entries(empty));
    }

    private async Task<XElement> FeedAsync(string path)
    {
        using var response = await Web.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        // RFC 4287 4.1.1: atom:feed has exactly one id, title and updated; a self link; an author unless every entry has one.
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.True(Uri.IsWellFormedUriString(Single(feed, "id"), UriKind.Absolute));
        Assert.NotEmpty(Single(feed, "title"));
        AssertDate(Single(feed, "updated"));
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self" && l.Attribute("href")!.Value.EndsWith(path, StringComparison.Ordinal));
        var feedHasAuthor = feed.Elements(Atom + "author").Any(a => a.Element(Atom + "name")?.Value.Length > 0);
        foreach (var entry in Entries(feed))
        {
            // 4.1.2: atom:entry has exactly one id (an IRI), title and updated, an author (its own or the feed's), and
            // an alternate link since it has no content.
            Assert.StartsWith("urn:uuid:", Single(entry, "id"), StringComparison.Ordinal);
            Assert.NotEmpty(Single(entry, "title"));
            AssertDate(Single(entry, "updated"));
            Assert.True(feedHasAuthor || entry.Elements(Atom + "author").Any());
            Assert.All(entry.Elements(Atom + "author"), a => Assert.NotEmpty(a.Element(Atom + "name")!.Value));
            Assert.Single(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        }

        return feed;
    }

    private static IEnumerable<XElement> Entries(XElement feed) => feed.Elements(Atom + "entry");

    private static string Single(XElement parent, string name) => Assert.Single(parent.Elements(Atom + name)).Value;

    // RFC 3339 date-time, as Atom's date constructs require.
    private static void AssertDate(string value) =>
        Assert.True(DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), value);
}
