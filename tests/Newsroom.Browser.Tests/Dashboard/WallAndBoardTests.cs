using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Testing;
using Xunit.Abstractions;

namespace Newsroom.Browser.Tests.Dashboard;

[Collection(BrowserCollection.Name)]
public sealed class WallAndBoardTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Slug = "old-souk-reopens";
    private const string InReviewCard = $".board-column[data-state=InReview] .board-card[data-slug={Slug}]";

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_workflow_change_made_through_the_API_reaches_an_open_board_and_wall_within_a_second()
    {
        var link = await browser.App.Services.SendAsAsync("admin@newsroom.test", new CreateDisplayLink.Command("Newsdesk TV"));
        var board = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await OpenLiveAsync(board, "/board");
        var wall = await AnonymousPageAsync(browser.BaseAddress);
        await OpenLiveAsync(wall, $"{link.Path}?view=board");
        await Assertions.Expect(board.Locator($".board-column[data-state=Draft] .board-card[data-slug={Slug}]")).ToBeVisibleAsync();

        // Someone opens the story in the live editor: the board shows who is in it.
        var layla = await browser.SignInAsync(DemoNewsroom.Layla, "Reporter-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, await StoryIdAsync());
        await Assertions.Expect(board.Locator($".board-card[data-slug={Slug}] .editing-now .avatar[title='Layla Haddad is editing']")).ToBeVisibleAsync();

        using var api = new HttpClient { BaseAddress = browser.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(api, DemoNewsroom.Layla, "Reporter-demo-1"));
        // Not there yet, so the time the pages note is the change's arrival, not a card shown before it.
        await Task.WhenAll(
            Assertions.Expect(board.Locator(InReviewCard)).ToHaveCountAsync(0),
            Assertions.Expect(wall.Locator(InReviewCard)).ToHaveCountAsync(0));
        await Task.WhenAll(FirstShown.WatchAsync(board, InReviewCard), FirstShown.WatchAsync(wall, InReviewCard));
        var sent = DateTimeOffset.UtcNow;
        using var submitted = await api.PostAsync($"/api/stories/{await StoryIdAsync()}/submit", null);
        submitted.EnsureSuccessStatusCode();
        var answered = DateTimeOffset.UtcNow;
        var shown = await Task.WhenAll(
            FirstShown.AtAsync(board, InReviewCard, TimeSpan.FromSeconds(5)),
            FirstShown.AtAsync(wall, InReviewCard, TimeSpan.FromSeconds(5)));
        var last = shown.Max() - answered;

        output.WriteLine($"API answered after {(answered - sent).TotalMilliseconds:F0} ms; board and wall showed the change {last.TotalMilliseconds:F0} ms later.");
        Assert.True(last < TimeSpan.FromSeconds(1), $"Shown {last} after the API answered.");
        await Assertions.Expect(board.Locator($".board-column[data-state=Draft] .board-card[data-slug={Slug}]")).ToHaveCountAsync(0);
        await Assertions.Expect(wall.Locator(".wall-clock")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_breaking_news_banner_an_editor_raises_appears_on_the_wall_and_goes_when_cleared()
    {
        var link = await browser.App.Services.SendAsAsync("admin@newsroom.test", new CreateDisplayLink.Command("Lobby"));
        var wall = await AnonymousPageAsync(browser.BaseAddress);
        await OpenLiveAsync(wall, link.Path);
        var board = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await OpenLiveAsync(board, "/board");

        await board.FillAsync("#breaking-text", "حريق كبير في الميناء");
        await board.ClickAsync("text=Raise banner");
        await Assertions.Expect(wall.Locator(".breaking")).ToContainTextAsync("حريق كبير في الميناء");
        Assert.Equal("rtl", await wall.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.breaking span')).direction"));
        await board.ClickAsync("text=Clear banner");

        await Assertions.Expect(wall.Locator(".breaking")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_wall_says_it_is_reconnecting_while_the_server_is_down_and_comes_back_by_itself_with_fresh_data()
    {
        var link = await browser.App.Services.SendAsAsync("admin@newsroom.test", new CreateDisplayLink.Command("Newsdesk TV"));
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Newsroom"] = browser.Database.ConnectionString };
        using var app = AppProcess.Start(environment);
        await app.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(90));
        var wall = await AnonymousPageAsync(app.BaseAddress);
        await OpenLiveAsync(wall, $"{link.Path}?view=board");
        await Assertions.Expect(wall.Locator($".board-column[data-state=Draft] .board-card[data-slug={Slug}]")).ToBeVisibleAsync();

        app.Kill();
        await Assertions.Expect(wall.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(wall.Locator("#components-reconnect-modal")).ToContainTextAsync("Reconnecting…");
        // The story moves while the wall's server is down (another instance of the newsroom takes the change).
        await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(await StoryIdAsync()));

        using var restarted = AppProcess.Start(environment, app.Port);
        await restarted.WaitForAsync("Newsroom is running at", TimeSpan.FromSeconds(90));

        await Assertions.Expect(wall.Locator(InReviewCard)).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(wall.Locator(".wall[data-circuit=live]")).ToBeVisibleAsync();
        await Assertions.Expect(wall.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
    }

    private async Task<IPage> AnonymousPageAsync(Uri baseAddress)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    private static async Task OpenLiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("[data-circuit=live]");
    }

    private async Task<Guid> StoryIdAsync() =>
        (await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new ListStories.Query())).Single(s => s.Slug == Slug).Id;

    private static async Task<string> TokenAsync(HttpClient api, string email, string password)
    {
        using var login = await api.PostAsJsonAsync("/api/identity/login", new { email, password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
