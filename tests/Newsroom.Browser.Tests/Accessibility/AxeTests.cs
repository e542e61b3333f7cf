using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Newsroom.Application.Data;
using Newsroom.Browser.Tests.Localization;

namespace Newsroom.Browser.Tests.Accessibility;

/// <summary>
/// axe-core on every page of the demo newsroom, in both interface languages: no serious or critical violation
/// (contrast, names, labels, landmarks, language). What axe reports at lower impacts is left to judgement.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] InterfaceLanguages = ["en", "ar"];

    public async Task InitializeAsync()
    {
        await browser.ResetAsync();
        await DatabaseInitializer.SeedAsync(browser.App.Services, seedDemoData: true, demoStories: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task No_page_has_a_serious_or_critical_violation_in_either_interface_language()
    {
        await using var db = browser.Database.CreateContext();
        var story = await db.Stories.Where(s => s.Slug == DemoStories.MarkerSlug).Select(s => s.Id).SingleAsync();
        var userId = await db.Users.Where(u => u.Email == "layla.haddad@newsroom.test").Select(u => u.Id).SingleAsync();
        string[] signedIn =
        [
            "/", "/stories/new", $"/stories/{story}", "/board", "/board/screens", "/search?q=port", "/comments/moderation",
            "/audit", "/users", "/profile", $"/users/{userId}/bio", "/articles", $"/articles/{DemoStories.MarkerSlug}",
            "/articles/north-bridge-reopens-cyclists", DemoStories.WallPath,
        ];

        // axe's run on a page is one renderer's work for seconds: the two languages go side by side, a profile each.
        var failures = (await Task.WhenAll(InterfaceLanguages.Select(ui => ViolationsInAsync(ui, signedIn)))).SelectMany(f => f).ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<List<string>> ViolationsInAsync(string ui, string[] signedIn)
    {
        var page = await browser.SignInAsync("admin@newsroom.test", "Admin-demo-1");
        await page.GotoAsync($"/culture?culture={ui}&returnUrl=/");
        await Surfaces.ExpectDocumentAsync(page, ui);
        var failures = new List<string>();
        foreach (var path in signedIn)
        {
            failures.AddRange(await ViolationsAsync(page, ui, path));
        }

        var reader = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString() });
        reader.SetDefaultTimeout(60_000);
        var anonymous = await reader.NewPageAsync();
        await anonymous.GotoAsync($"/culture?culture={ui}&returnUrl=/account/login");
        failures.AddRange(await ViolationsAsync(anonymous, ui, "/account/login"));
        return failures;
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string ui, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForSelectorAsync("h1, .wall-main");
        var results = await page.RunAxe();
        return results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{ui} {path}: {v.Id} ({v.Impact}) on {v.Nodes.Length}: {string.Join(" | ", v.Nodes.Take(4).Select(n => n.Target + " " + Summary(n)))}");
    }

    private static string Summary(AxeResultNode node) =>
        string.Join("; ", node.Any.Concat(node.All).Select(c => c.Message));
}
