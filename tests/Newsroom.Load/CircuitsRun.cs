using System.Net.Http.Headers;
using Microsoft.Playwright;
using Newsroom.Application.Data;
using Newsroom.Testing;

namespace Newsroom.Load;

public sealed record CircuitsResult(string Page, int Pages, int Circuits, double ManagedKbPerCircuit, double WorkingSetKbPerCircuit)
{
    public bool Passed => Circuits >= Pages;
}

/// <summary>
/// Many idle browser tabs on one page, each its own Blazor circuit: the server's managed memory (after a full
/// collection) and working set, before and after, divided by the circuits opened. With a hold, the tabs stay open
/// that long after measuring, so a heap dump can be taken of them.
/// </summary>
public static class CircuitsRun
{
    public static async Task<CircuitsResult> RunAsync(Rig rig, string path, int pages, TextWriter log, TimeSpan hold = default)
    {
        log.WriteLine($"{pages} idle tabs on {path}: server memory per circuit");
        var admin = DemoData.Accounts.First(a => a.Role == "Admin");
        var editor = DemoData.Accounts.First(a => a.Role == "Editor");
        using var api = new HttpClient { BaseAddress = rig.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await rig.TokenAsync(admin.Email, admin.Password));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.HeadlessShell,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--renderer-process-limit=4"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = rig.BaseAddress.ToString() });
        context.SetDefaultTimeout(120_000);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/login");
        await signIn.FillAsync("#email", editor.Email);
        await signIn.FillAsync("#password", editor.Password);
        await signIn.ClickAsync("button[type=submit]");
        await signIn.WaitForURLAsync(new Uri(rig.BaseAddress, "/").ToString(), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        // One tab on the page first, closed again: what the app sets up once on a page's first use (its code
        // compiled, caches filled, the shared board read) is not any one circuit's.
        await signIn.GotoAsync(path);
        await WaitForCircuitsAsync(api, 1);
        await Task.Delay(3000);
        await signIn.CloseAsync();
        await WaitForCircuitsAsync(api, 0, atMost: true);

        var before = await AppDiagnostics.ReadAsync(api, collect: true);
        var opened = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            opened.Add(page);
        }

        var circuits = await WaitForCircuitsAsync(api, pages);
        // Let start-up garbage go before measuring what stays.
        await Task.Delay(3000);
        var after = await AppDiagnostics.ReadAsync(api, collect: true);
        var result = new CircuitsResult(path, pages, circuits,
            Math.Round((after.ManagedBytes - before.ManagedBytes) / 1024.0 / Math.Max(1, circuits), 1),
            Math.Round((after.WorkingSetBytes - before.WorkingSetBytes) / 1024.0 / Math.Max(1, circuits), 1));
        log.WriteLine($"  {circuits} circuits: {result.ManagedKbPerCircuit:N0} KB managed and {result.WorkingSetKbPerCircuit:N0} KB working set each");
        if (hold > TimeSpan.Zero)
        {
            // Two dumps, of runs with N and N+k tabs, compared type by type, say what one more circuit holds.
            log.WriteLine($"  holding the tabs open for {hold.TotalSeconds:N0} s: dotnet dotnet-gcdump collect -p {rig.App.Process.Id}");
            await Task.Delay(hold);
        }

        await context.CloseAsync();
        return result;
    }

    private static async Task<int> WaitForCircuitsAsync(HttpClient api, int expected, bool atMost = false)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        int open;
        while ((open = (await AppDiagnostics.ReadAsync(api, collect: false)).OpenCircuits) is var now
            && (atMost ? now > expected : now < expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        return open;
    }
}
