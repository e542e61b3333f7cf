using System.Net;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Users;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Publishing;

/// <summary>Uptime monitors and link checkers send HEAD: every public page and feed answers it as it answers GET.</summary>
public sealed class HeadRequestTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task HEAD_answers_with_GETs_status_and_type_and_no_body_on_every_public_page_and_feed()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command("kremlin-call", "ar", "World", SeedArticle.Headline));
        var layla = (await Web.SendAsAsync(DemoNewsroom.Layla, new ListStaff.Query())).Single(p => p.DisplayName == "Layla Haddad");
        await DatabaseInitializer.SeedAsync(Web.Factory.Services, seedDemoData: true, demoStories: true);
        var http = Web.Anonymous();

        string[] paths =
        [
            "/articles", "/articles/kremlin-call", "/articles/no-such-story", "/feeds/atom", "/feeds/desks/World",
            $"/feeds/authors/{layla.Id}", "/account/login", "/health", DemoStories.WallPath, "/images/demo/port-cranes.svg",
        ];
        foreach (var path in paths)
        {
            using var get = await http.GetAsync(path);
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            Assert.True(get.StatusCode == head.StatusCode, $"{path}: GET {get.StatusCode}, HEAD {head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        using var article = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/articles/kremlin-call"));
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
    }
}
