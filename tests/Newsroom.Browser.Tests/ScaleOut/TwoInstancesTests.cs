using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Newsroom.Domain.Collab;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Xunit.Abstractions;

namespace Newsroom.Browser.Tests.ScaleOut;

/// <summary>
/// Two app processes on one PostgreSQL and one real redis-server, configured only as the README's table says, as
/// docker-compose runs them: what happens through one instance is seen at once through the other.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoInstancesTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private RedisServer _redis = default!;
    private AppProcess _a = default!;
    private AppProcess _b = default!;

    public async Task InitializeAsync()
    {
        await browser.ResetAsync();
        _redis = await RedisServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Newsroom"] = browser.Database.ConnectionString,
            ["ConnectionStrings__Redis"] = _redis.ConnectionString,
            // People on a dead instance vanish after this; production's 30 s would make the test wait.
            ["Presence__Expiry"] = "00:00:03",
            // A failing test prints both apps' logs; the times line them up.
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        };
        _a = AppProcess.Start(environment);
        _b = AppProcess.Start(environment);
        await Task.WhenAll(
            _a.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(120)),
            _b.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(120)));
    }

    public Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        _redis.Dispose();
        return Task.CompletedTask;
    }

    private const string LaylaEditing = ".editing-now .avatar[title='Layla Haddad is editing']";

    [Fact]
    public async Task A_workflow_step_through_one_instance_reaches_a_board_open_on_the_other_within_a_second()
    {
        using var layla = await ApiAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1");
        var slug = $"two-instances-{Guid.NewGuid():N}"[..30];
        var storyId = await CreateStoryAsync(layla, slug, "Harbour fire: ships moved out");
        var board = await BoardOnBAsync(slug);

        // Layla opens the story in the live editor on A: the board on B shows her in it.
        await using var editor = await HubTextClient.JoinAsync(await HubAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1", new()), storyId, "body", "layla");
        await Assertions.Expect(board.Locator($".board-card[data-slug={slug}] {LaylaEditing}")).ToBeVisibleAsync(new() { Timeout = 5_000 });

        var inReview = $".board-column[data-state=InReview] .board-card[data-slug={slug}]";
        await Assertions.Expect(board.Locator(inReview)).ToHaveCountAsync(0);
        await FirstShown.WatchAsync(board, inReview);
        var sent = DateTimeOffset.UtcNow;
        using var submitted = await layla.PostAsync($"/api/stories/{storyId}/submit", null);
        submitted.EnsureSuccessStatusCode();
        var answered = DateTimeOffset.UtcNow;
        var shown = await FirstShown.AtAsync(board, inReview, TimeSpan.FromSeconds(5)) - answered;

        output.WriteLine($"A answered after {(answered - sent).TotalMilliseconds:F0} ms; B's board showed it {shown.TotalMilliseconds:F0} ms later.");
        Assert.True(shown < TimeSpan.FromSeconds(1), $"Shown {shown} after A answered.");
    }

    [Fact]
    public async Task Editors_on_the_two_instances_converge_and_each_sees_the_other_with_their_caret()
    {
        using var api = await ApiAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1");
        var storyId = await CreateStoryAsync(api, $"two-editors-{Guid.NewGuid():N}"[..30], "حريق في الميناء", "بداية");
        var laylaSees = new PresenceSeen();
        var samiraSees = new PresenceSeen();
        var laylaConnection = await HubAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1", laylaSees);
        var samiraConnection = await HubAsync(_b, DemoNewsroom.Samira, "Editor-demo-1", samiraSees);
        await using var layla = await HubTextClient.JoinAsync(laylaConnection, storyId, "body", "layla");
        await using var samira = await HubTextClient.JoinAsync(samiraConnection, storyId, "body", "samira");

        // Each moves their caret: the other, on the other instance, sees them in the text and where they are.
        await layla.Connection.InvokeAsync("SetSelection", storyId, "body", 3, 3);
        await samira.Connection.InvokeAsync("SetSelection", storyId, "body", 5, 5);
        await samiraSees.WaitForAsync(p => p.Any(c => c.Name == "Layla Haddad" && c.Head == 3) && p.Any(c => c.Name == "Samira Nasser"));
        await laylaSees.WaitForAsync(p => p.Any(c => c.Name == "Samira Nasser" && c.Head == 5) && p.Any(c => c.Name == "Layla Haddad"));

        await HubTextClient.TypeAtOnceAsync(20, (layla, "L"), (samira, "S"));
        await layla.SettleAsync(TimeSpan.FromSeconds(30));
        await samira.SettleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(layla.Doc, samira.Doc);
        Assert.All(Enumerable.Range(0, 20), i =>
        {
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(layla.Doc, $@"\[L{i}\]"));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(layla.Doc, $@"\[S{i}\]"));
        });

        // Samira leaves: Layla, on the other instance, sees her go.
        await samira.Connection.StopAsync();
        await laylaSees.WaitForAsync(p => p.All(c => c.Name != "Samira Nasser"));
    }

    [Fact]
    public async Task People_on_an_instance_that_dies_vanish_from_the_other_instances_editors_and_board()
    {
        using var api = await ApiAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1");
        var slug = $"two-dying-{Guid.NewGuid():N}"[..30];
        var storyId = await CreateStoryAsync(api, slug, "Power cut in the old town", "Lights out.");
        var samiraSees = new PresenceSeen();
        await using var layla = await HubTextClient.JoinAsync(await HubAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1", new()), storyId, "body", "layla");
        await using var samira = await HubTextClient.JoinAsync(await HubAsync(_b, DemoNewsroom.Samira, "Editor-demo-1", samiraSees), storyId, "body", "samira");
        var board = await BoardOnBAsync(slug);
        await layla.Connection.InvokeAsync("SetSelection", storyId, "body", 2, 2);
        await samiraSees.WaitForAsync(p => p.Any(c => c.Name == "Layla Haddad"));
        await Assertions.Expect(board.Locator($".board-card[data-slug={slug}] {LaylaEditing}")).ToBeVisibleAsync();

        // A dies without a word: nobody says Layla left, her entry just stops being renewed.
        var killed = Stopwatch.StartNew();
        _a.Kill();
        await samiraSees.WaitForAsync(p => p.All(c => c.Name != "Layla Haddad"));
        await Assertions.Expect(board.Locator($".board-card[data-slug={slug}] {LaylaEditing}")).ToHaveCountAsync(0);

        output.WriteLine($"Layla vanished {killed.Elapsed.TotalSeconds:F1} s after her instance died (expiry 3 s).");
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(10), $"Layla vanished only after {killed.Elapsed}.");
    }

    [Fact]
    public async Task After_a_long_redis_outage_the_board_the_editor_and_presence_on_the_other_instance_catch_up_with_what_happened_meanwhile()
    {
        try
        {
            using var layla = await ApiAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1");
            using var samira = await ApiAsync(_a, DemoNewsroom.Samira, "Editor-demo-1");
            var slug = $"two-blip-{Guid.NewGuid():N}"[..30];
            var storyId = await CreateStoryAsync(layla, slug, "Bridge closed for repairs", "The bridge closes.");
            var board = await BoardOnBAsync(slug);
            var samiraSees = new PresenceSeen();
            await using var laylaWrites = await HubTextClient.JoinAsync(await HubAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1", new()), storyId, "body", "layla");
            await using var samiraReads = await HubTextClient.JoinAsync(await HubAsync(_b, DemoNewsroom.Samira, "Editor-demo-1", samiraSees), storyId, "body", "samira");
            await laylaWrites.Connection.InvokeAsync("SetSelection", storyId, "body", 1, 1);
            await samiraSees.WaitForAsync(p => p.Any(c => c.Name == "Layla Haddad" && c.Head == 1));

            // Longer than StackExchange.Redis keeps a queued message (5 s): what A says meanwhile is lost for good.
            var port = _redis.Port;
            _redis.Dispose();
            (await layla.PostAsync($"/api/stories/{storyId}/submit", null)).EnsureSuccessStatusCode();
            await laylaWrites.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, " [typed in the outage]"));
            await laylaWrites.PushAsync();
            await Task.Delay(TimeSpan.FromSeconds(8));
            Assert.DoesNotContain("[typed in the outage]", samiraReads.Doc, StringComparison.Ordinal);
            _redis = await RedisServer.StartAsync(port);

            // B reads again once it hears itself on the channel, and finds the submission in the database.
            await Assertions.Expect(board.Locator($".board-column[data-state=InReview] .board-card[data-slug={slug}]"))
                .ToBeVisibleAsync(new() { Timeout = 30_000 });
            await _a.WaitForAsync(NewsFlowsAgain, TimeSpan.FromSeconds(30));
            await _b.WaitForAsync(NewsFlowsAgain, TimeSpan.FromSeconds(30));

            // The text Layla typed meanwhile reaches Samira's editor on B without anyone typing again or pulling, and
            // Layla's own editor has it confirmed; each sees the other in the text again once presence is renewed.
            await WaitForAsync(() => samiraReads.Doc.EndsWith("[typed in the outage]", StringComparison.Ordinal) && !laylaWrites.HasUnconfirmed,
                () => $"Samira has '{samiraReads.Doc}' at {samiraReads.Version}; Layla has '{laylaWrites.Doc}' at {laylaWrites.Version}, unconfirmed: {laylaWrites.HasUnconfirmed}");
            Assert.Equal(laylaWrites.Doc, samiraReads.Doc);
            await samiraSees.WaitForAsync(p => p.Any(c => c.Name == "Layla Haddad" && c.Head == 1));

            // And the link carries news again: the next step through A reaches B as it happens.
            var sent = Stopwatch.StartNew();
            (await samira.PostAsync($"/api/stories/{storyId}/approve", null)).EnsureSuccessStatusCode();
            await Assertions.Expect(board.Locator($".board-column[data-state=Approved] .board-card[data-slug={slug}]"))
                .ToBeVisibleAsync(new() { Timeout = 5_000 });
            output.WriteLine($"After the outage, B's board showed the approval {sent.ElapsedMilliseconds} ms after it was sent.");
            output.WriteLine(string.Join('\n', (_a.Output + _b.Output).Split('\n').Where(l => l.Contains(NewsFlowsAgain, StringComparison.Ordinal))));
        }
        catch
        {
            output.WriteLine($"---- A ----\n{_a.Output}\n---- B ----\n{_b.Output}");
            throw;
        }
    }

    private const string NewsFlowsAgain = "News flows between instances again";

    private static async Task WaitForAsync(Func<bool> condition, Func<string> seen)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, seen());
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_article_changed_through_one_instance_is_served_fresh_by_the_other()
    {
        using var layla = await ApiAsync(_a, DemoNewsroom.Layla, "Reporter-demo-1");
        using var samira = await ApiAsync(_a, DemoNewsroom.Samira, "Editor-demo-1");
        var slug = $"two-articles-{Guid.NewGuid():N}"[..30];
        var storyId = await CreateStoryAsync(layla, slug, "Ferry timetable changes", "The ferry leaves at nine.");
        (await layla.PostAsync($"/api/stories/{storyId}/submit", null)).EnsureSuccessStatusCode();
        (await samira.PostAsync($"/api/stories/{storyId}/approve", null)).EnsureSuccessStatusCode();
        (await samira.PostAsync($"/api/stories/{storyId}/publish", null)).EnsureSuccessStatusCode();
        using var reader = new HttpClient { BaseAddress = _b.BaseAddress };
        // B reads the article, and so has it in its cache.
        Assert.Contains("Ferry timetable changes", await reader.GetStringAsync($"/articles/{slug}"), StringComparison.Ordinal);

        using var corrected = await samira.PostAsJsonAsync($"/api/stories/{storyId}/correct",
            new { storyId, note = "The ferry's name was wrong.", headline = "Ferry timetable changes for the winter" });
        corrected.EnsureSuccessStatusCode();
        Assert.Contains("Ferry timetable changes for the winter", await reader.GetStringAsync($"/articles/{slug}"), StringComparison.Ordinal);

        using var held = await samira.PutAsJsonAsync($"/api/stories/{storyId}/legal-hold", new { onHold = true, reason = "A court order." });
        held.EnsureSuccessStatusCode();
        using var withheld = await reader.GetAsync($"/articles/{slug}");
        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, withheld.StatusCode);
    }

    /// <summary>Samira's board on B, live, showing the story as a draft.</summary>
    private async Task<IPage> BoardOnBAsync(string slug)
    {
        var board = await browser.SignInAsync(DemoNewsroom.Samira, "Editor-demo-1", _b.BaseAddress);
        await board.GotoAsync("/board");
        await board.WaitForSelectorAsync("[data-circuit=live]");
        await Assertions.Expect(board.Locator($".board-column[data-state=Draft] .board-card[data-slug={slug}]")).ToBeVisibleAsync();
        return board;
    }

    [Fact]
    public async Task An_account_disabled_through_one_instance_is_refused_by_the_other_at_once()
    {
        using var admin = await ApiAsync(_a, "admin@newsroom.test", "Admin-demo-1");
        using var tom = await ApiAsync(_b, "tom.becker@newsroom.test", "Reporter-demo-2");
        // B has read Tom's account and may keep it for Security__AccessCheckSeconds (30 s here).
        (await tom.GetAsync("/api/stories")).EnsureSuccessStatusCode();
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/users");
        var tomId = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "tom.becker@newsroom.test").GetProperty("id").GetGuid();

        (await admin.PostAsync($"/api/users/{tomId}/disable", null)).EnsureSuccessStatusCode();
        using var refused = await tom.GetAsync("/api/stories");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task<HttpClient> ApiAsync(AppProcess app, string email, string password)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var login = await http.PostAsJsonAsync("/api/identity/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<Guid> CreateStoryAsync(HttpClient api, string slug, string headline, string? body = null)
    {
        var arabic = headline.Any(c => c is >= '\u0600' and <= '\u06FF');
        using var created = await api.PostAsJsonAsync("/api/stories",
            new { slug, language = arabic ? "ar" : "en", desk = "Local", headline, body });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storyId").GetGuid();
    }

    private static async Task<HubConnection> HubAsync(AppProcess app, string email, string password, PresenceSeen seen)
    {
        using var api = await ApiAsync(app, email, password);
        var token = api.DefaultRequestHeaders.Authorization!.Parameter;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, CollabHub.Path), options => options.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        connection.On<Guid, string, JsonElement>("Presence", (_, _, collaborators) => seen.Set(collaborators));
        return connection;
    }

    /// <summary>The last list of people in the text this connection was sent.</summary>
    private sealed class PresenceSeen
    {
        private readonly Lock _gate = new();
        private IReadOnlyList<(string Name, int Head)> _people = [];

        public void Set(JsonElement collaborators)
        {
            lock (_gate)
            {
                _people = collaborators.EnumerateArray()
                    .Select(c => (c.GetProperty("displayName").GetString()!, c.GetProperty("head").GetInt32()))
                    .ToList();
            }
        }

        public async Task WaitForAsync(Func<IReadOnlyList<(string Name, int Head)>, bool> condition)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (true)
            {
                IReadOnlyList<(string Name, int Head)> people;
                lock (_gate)
                {
                    people = _people;
                }

                if (condition(people))
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Presence seen: {string.Join(", ", people)}");
                await Task.Delay(50);
            }
        }
    }
}
