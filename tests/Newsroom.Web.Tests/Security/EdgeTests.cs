using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Security;

/// <summary>What the app's public edges refuse, over real HTTP requests to the running app.</summary>
public sealed class EdgeTests(WebFixture web) : WebTest(web)
{
    [Theory]
    [InlineData("/articles")]
    [InlineData("/account/login")]
    [InlineData("/api/stories")]
    [InlineData("/feeds/atom")]
    [InlineData("/app.css")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await Web.Anonymous().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData(NewsroomHub.Path)]
    [InlineData("/_blazor")]
    public async Task Hubs_refuse_a_browser_from_another_origin_and_accept_their_own(string hub)
    {
        using var client = await Web.EditorAsync();

        using var forged = await Negotiate(client, hub, "https://evil.example");
        using var own = await Negotiate(client, hub, "http://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("https://evil.example are not accepted", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_configured_origin_is_accepted_too()
    {
        await using var app = Web.Factory.WithWebHostBuilder(host => host.UseSetting("Security:AllowedOrigins", "https://wall.example"));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await Web.LoginAsync("samira.nasser@newsroom.test", "Editor-demo-1"));

        using var allowed = await Negotiate(client, NewsroomHub.Path, "https://wall.example");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task An_API_write_carried_by_the_sign_in_cookie_needs_an_antiforgery_token_and_a_bearer_token_does_not()
    {
        var browser = Web.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SignInTests.SubmitSignInAsync(browser, "samira.nasser@newsroom.test", "Editor-demo-1"))
        {
        }

        using var read = await browser.GetAsync("/api/stories");
        using var write = await browser.PostAsync("/api/notifications/read", null);
        using var bearer = await Web.EditorAsync();
        using var bearerWrite = await bearer.PostAsync("/api/notifications/read", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.Contains("needs an antiforgery token", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bearerWrite.StatusCode);
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_does_not_give_a_fresh_address_for_the_limits()
    {
        await using var limited = Web.Factory.WithWebHostBuilder(host => host.UseSetting("SignIn:PermitLimit", "2"));
        var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/login")
            {
                Content = JsonContent.Create(new { email = "nobody@newsroom.test", password = "guess" }),
            };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{attempt + 1}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Absolute_links_come_from_the_configured_public_address_not_the_Host_header()
    {
        await using var app = Web.Factory.WithWebHostBuilder(host => host.UseSetting("Newsroom:PublicBaseUrl", "https://news.example.org"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/atom");
        request.Headers.Host = "attacker.example";

        using var feed = await app.CreateClient().SendAsync(request);
        var xml = await feed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("https://news.example.org/", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_field_with_a_control_character_is_refused_with_a_clear_message()
    {
        using var layla = await Web.ClientForAsync("layla.haddad@newsroom.test", "Reporter-demo-1");

        using var response = await layla.PostAsJsonAsync("/api/stories", new
        {
            slug = "pasted", language = "en", desk = "Local", headline = "Fire at\u0001 the harbour", body = "Line one\nLine\ttwo",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invisible control character", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feeds_write_a_control_character_already_stored_without_failing()
    {
        await Web.Factory.Services.PublishAsync(new CreateStory.Command("harbour-fire", "en", "Local", "Harbour fire 😀"));
        await using (var db = Web.Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE stories SET headline = 'Harbour' || chr(1) || ' fire 😀' WHERE slug = 'harbour-fire'");
        }

        using var feed = await Web.Anonymous().GetAsync("/feeds/atom");
        var xml = XDocument.Parse(await feed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains(xml.Descendants(XName.Get("title", "http://www.w3.org/2005/Atom")), t => t.Value == "Harbour fire 😀");
    }

    [Fact]
    public async Task Reader_search_is_limited_per_address_and_browsing_is_not()
    {
        await using var limited = Web.Factory.WithWebHostBuilder(host => host.UseSetting("ReaderSearch:PermitLimit", "2"));
        var client = limited.CreateClient();

        var searches = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync($"/articles?q=fire{i}");
            searches.Add(response.StatusCode);
        }

        using var browsing = await client.GetAsync("/articles");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], searches);
        Assert.Equal(HttpStatusCode.OK, browsing.StatusCode);
    }

    [Fact]
    public async Task Unknown_slugs_do_not_grow_the_article_cache()
    {
        var cache = (MemoryCache)Web.Factory.Services.GetRequiredService<IMemoryCache>();
        var before = cache.Count;

        for (var i = 0; i < 50; i++)
        {
            using var response = await Web.Anonymous().GetAsync($"/articles/invented-{Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.InRange(cache.Count, 0, before + 2);
    }

    [Fact]
    public async Task Only_the_live_editors_hub_takes_large_messages()
    {
        var large = new string('x', 100_000);
        await using var collab = await Web.RawHubAsync(CollabHub.Path, "layla.haddad@newsroom.test", "Reporter-demo-1");
        await using var newsroom = await Web.RawHubAsync(NewsroomHub.Path, "layla.haddad@newsroom.test", "Reporter-demo-1");

        var answered = await collab.InvokeRawAsync("Pull", $"[\"{Guid.NewGuid()}\", \"{large}\", 0]");
        await Assert.ThrowsAnyAsync<Exception>(() => newsroom.InvokeRawAsync("Pull", $"[\"{large}\"]"));

        // Too large for the newsroom hub closes its connection; the live editor's hub read it and answered.
        Assert.True(answered.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task One_person_opening_too_many_hub_connections_is_refused_with_the_reason()
    {
        await using var app = Web.Factory.WithWebHostBuilder(host => host.UseSetting("Hubs:MaxConnectionsPerPerson", "2"));
        var token = await Web.LoginAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var connections = Enumerable.Range(0, 3).Select(_ => TestHubs.Connect(app.Server, NewsroomHub.Path, token)).ToList();

        var first = await TryOpenAsync(connections[0]);
        var second = await TryOpenAsync(connections[1]);
        var third = await TryOpenAsync(connections[2]);

        Assert.True(first.Open && second.Open);
        Assert.False(third.Open);
        Assert.Contains("live connections open here", third.Why?.Message, StringComparison.Ordinal);

        // Closing one frees its place (the server notices the close a moment later).
        await connections[1].DisposeAsync();
        var reopened = false;
        for (var attempt = 0; attempt < 20 && !reopened; attempt++)
        {
            var again = TestHubs.Connect(app.Server, NewsroomHub.Path, token);
            reopened = (await TryOpenAsync(again)).Open;
            await again.DisposeAsync();
        }

        Assert.True(reopened);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>A refusal in OnConnectedAsync arrives as a close right after the handshake, so wait a moment for it.</summary>
    [Fact]
    public async Task One_person_pushing_faster_than_anyone_types_is_refused_with_the_reason_and_others_are_not()
    {
        await using var app = Web.Factory.WithWebHostBuilder(host => host
            .UseSetting("Hubs:PushesPerSecondPerPerson", "5")
            .UseSetting("Hubs:PushBurstPerPerson", "5"));
        await using var layla = TestHubs.Connect(app.Server, CollabHub.Path, await Web.LoginAsync("layla.haddad@newsroom.test", "Reporter-demo-1"));
        await using var tom = TestHubs.Connect(app.Server, CollabHub.Path, await Web.LoginAsync("tom.becker@newsroom.test", "Reporter-demo-2"));
        await layla.StartAsync();
        await tom.StartAsync();
        var nowhere = Guid.NewGuid();

        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await RefusalOf(layla));
        }

        // The burst is answered on its merits (no such story); past it, the cap answers before any work is done.
        const string capped = "faster than anyone types";
        Assert.All(answers.Take(5), answer => Assert.DoesNotContain(capped, answer, StringComparison.Ordinal));
        Assert.True(answers.Skip(5).Count(answer => answer.Contains(capped, StringComparison.Ordinal)) >= 14, string.Join(" | ", answers));
        Assert.DoesNotContain(capped, await RefusalOf(tom), StringComparison.Ordinal);

        // A second later the bucket has refilled.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.DoesNotContain(capped, await RefusalOf(layla), StringComparison.Ordinal);

        async Task<string> RefusalOf(HubConnection connection)
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
                connection.InvokeAsync<PushResult>(nameof(CollabHub.Push), nowhere, "body", 0, Array.Empty<object>()));
            return refused.Message;
        }
    }

    private static async Task<(bool Open, Exception? Why)> TryOpenAsync(Microsoft.AspNetCore.SignalR.Client.HubConnection connection)
    {
        var closed = new TaskCompletionSource<Exception?>();
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        if (await Record.ExceptionAsync(() => connection.StartAsync()) is { } refused)
        {
            return (false, refused);
        }

        return await Task.WhenAny(closed.Task, Task.Delay(500)) == closed.Task ? (false, await closed.Task) : (true, null);
    }

    private static Task<HttpResponseMessage> Negotiate(HttpClient client, string hub, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{hub}/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return client.SendAsync(request);
    }
}
