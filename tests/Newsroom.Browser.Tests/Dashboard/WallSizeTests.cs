using Microsoft.Playwright;
using Newsroom.Application.Data;
using Newsroom.Browser.Tests.Localization;

namespace Newsroom.Browser.Tests.Dashboard;

/// <summary>
/// The wall screen and the board on real screen sizes, in both interface languages, with the demo newsroom's day on
/// them: nothing overflows, and no text on the wall is smaller than can be read from across a room.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WallSizeTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>The smallest text on the wall, in CSS pixels: about 1/60 of the screen's height.</summary>
    public static int MinimumTextPixels(int height) => height / 60;

    public static TheoryData<int, int, string> Screens => new()
    {
        { 1920, 1080, "en" }, { 1920, 1080, "ar" }, { 3840, 2160, "en" }, { 3840, 2160, "ar" },
    };

    public async Task InitializeAsync()
    {
        await browser.ResetAsync();
        await DatabaseInitializer.SeedAsync(browser.App.Services, seedDemoData: true, demoStories: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_wall_fills_the_screen_overflows_nowhere_and_has_no_text_below_the_minimum(int width, int height, string ui)
    {
        var page = await ScreenAsync(width, height);
        await page.GotoAsync($"/culture?culture={ui}&returnUrl={Uri.EscapeDataString(DemoStories.WallPath + "?view=board")}");
        await page.WaitForSelectorAsync(".wall[data-circuit=live] .board-card");
        await Surfaces.ExpectDocumentAsync(page, ui);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "the wall scrolls sideways");
        Assert.Empty(await Surfaces.OverflowingAsync(page, ".wall-head", ".board-column", ".board-card", ".board-card h3"));
        var smallest = await SmallestTextAsync(page, ".wall");
        Assert.True(smallest.Pixels >= MinimumTextPixels(height), $"'{smallest.Text}' is {smallest.Pixels:0.#} px on a {width}x{height} wall");
        if (ui == "ar")
        {
            Assert.Empty(await Surfaces.EnglishLeftAsync(page));
        }

        await Surfaces.ScreenshotAsync(page, $"wall-{width}x{height}-{ui}");
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_board_uses_the_whole_width_its_columns_scroll_on_their_own_and_chart_labels_are_readable(int width, int height, string ui)
    {
        var page = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync($"/culture?culture={ui}&returnUrl=/board");
        await page.WaitForSelectorAsync(".board-page[data-circuit=live] .board-card");

        var boardWidth = await page.EvaluateAsync<double>("() => document.querySelector('.board').getBoundingClientRect().width");
        Assert.True(boardWidth > width * 0.9, $"the board is {boardWidth} px wide on a {width} px screen");
        Assert.Equal("auto", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.board-column')).overflowY"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), "the board page scrolls sideways");
        Assert.Empty(await Surfaces.OverflowingAsync(page, ".page-head", ".board-card h3", ".day-charts figure"));
        var ticks = await SmallestTextAsync(page, ".day-charts");
        Assert.True(ticks.Pixels >= 12, $"chart text '{ticks.Text}' is {ticks.Pixels:0.#} px");
        if (ui == "ar")
        {
            Assert.Empty(await Surfaces.EnglishLeftAsync(page));
        }

        await Surfaces.ScreenshotAsync(page, $"board-{width}x{height}-{ui}");
    }

    private async Task<IPage> ScreenAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>The smallest rendered text under <paramref name="root"/>: SVG text by its drawn height, the rest by font size.</summary>
    private static async Task<(double Pixels, string Text)> SmallestTextAsync(IPage page, string root)
    {
        var found = await page.EvaluateAsync<SmallText>(
            """
            root => {
              let smallest = { pixels: 1e9, text: "" };
              const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const e = n.parentElement;
                if (!n.textContent.trim() || !e || e.closest(".sr-note, title") || !e.getClientRects().length) continue;
                const svg = e.closest("svg");
                const pixels = svg
                  ? parseFloat(getComputedStyle(e).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
                  : parseFloat(getComputedStyle(e).fontSize);
                if (pixels < smallest.pixels) smallest = { pixels, text: n.textContent.trim().slice(0, 40) };
              }
              return smallest;
            }
            """, root);
        return (found.Pixels, found.Text);
    }

    private sealed class SmallText
    {
        public double Pixels { get; set; }

        public string Text { get; set; } = "";
    }
}
