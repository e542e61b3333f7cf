using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Newsroom.Application.Data;
using Newsroom.Browser.Tests.Localization;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Readme;

/// <summary>
/// The README's pictures, taken from the demo newsroom: the workspace with two people typing in an Arabic story,
/// the board, a wall screen and an article page. In the suite they land in TestResults/screenshots like the other
/// screenshots; <c>NEWSROOM_README_IMAGES=1</c> writes them to docs/images instead (the README says how).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmePictureTests(BrowserFixture browser) : IAsyncLifetime
{
    private static string Folder { get; } = Environment.GetEnvironmentVariable("NEWSROOM_README_IMAGES") == "1"
        ? Path.Combine(SeedArticle.RepositoryRoot, "docs", "images")
        : Surfaces.ScreenshotFolder;

    private static readonly string[] Pictures = ["workspace", "board", "wall", "article"];

    public async Task InitializeAsync()
    {
        await browser.ResetAsync();
        await DatabaseInitializer.SeedAsync(browser.App.Services, seedDemoData: true, demoStories: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pictures_of_the_workspace_board_wall_and_article_page()
    {
        Guid storyId;
        await using (var db = browser.Database.CreateContext())
        {
            storyId = await db.Stories.Where(s => s.Slug == "olive-harvest-early").Select(s => s.Id).SingleAsync();
        }

        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var nadia = await browser.SignInAsync("nadia.saleh@newsroom.test", "Reporter-demo-3");
        await layla.SetViewportSizeAsync(1440, 960);
        await layla.GotoAsync("/culture?culture=ar&returnUrl=/");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(nadia, storyId);
        await layla.ClickAsync(".live-body .cm-content");
        await layla.Keyboard.PressAsync("Control+End");
        await nadia.ClickAsync(".live-headline .cm-content");
        await nadia.Keyboard.PressAsync("End");
        await Task.WhenAll(
            layla.Keyboard.TypeAsync("\n\nوفي القرى الجبلية، قال المزارعون إن", new KeyboardTypeOptions { Delay = 20 }),
            nadia.Keyboard.TypeAsync(" هذا العام", new KeyboardTypeOptions { Delay = 20 }));
        await Assertions.Expect(layla.Locator(".remote-caret")).Not.ToHaveCountAsync(0);
        await Shoot(layla, "workspace", fullPage: false);

        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await samira.SetViewportSizeAsync(1600, 1000);
        await samira.GotoAsync("/board");
        await samira.WaitForSelectorAsync(".board-page[data-circuit=live] .board-card");
        await Shoot(samira, "board", fullPage: true);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        });
        context.SetDefaultTimeout(60_000);
        var wall = await context.NewPageAsync();
        await wall.GotoAsync(DemoStories.WallPath + "?view=board");
        await wall.WaitForSelectorAsync(".wall[data-circuit=live] .board-card");
        await Shoot(wall, "wall", fullPage: false);

        var reader = await context.NewPageAsync();
        await reader.SetViewportSizeAsync(1280, 900);
        await reader.GotoAsync($"/articles/{DemoStories.MarkerSlug}");
        await reader.WaitForSelectorAsync(".lead-image img");
        await Shoot(reader, "article", fullPage: false);

        Assert.All(Pictures, name => Assert.True(File.Exists(Path.Combine(Folder, name + ".png"))));
    }

    private static async Task Shoot(IPage page, string name, bool fullPage)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = fullPage });
    }
}
