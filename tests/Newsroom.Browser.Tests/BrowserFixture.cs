using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Stories;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The app on a real loopback port with demo data, and Debian's Chromium driven by Playwright.</summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public TestDatabase Database { get; private set; } = default!;

    public WebApplicationFactory<Program> App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.StartAsync("browser");
        App = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Newsroom", Database.ConnectionString)
            .UseSetting("Newsroom:SeedDemoData", "true")
            // Every test signs in from this machine's address; the per-address limits have their own tests.
            .UseSetting("SignIn:PermitLimit", "10000")
            .UseSetting("ReaderSearch:PermitLimit", "10000")
            // An open page notices withdrawn access within this; production's 30 s would make the tests wait.
            .UseSetting("Security:AccessCheckSeconds", "2")
            // The tests make the stories they need; the demo newsroom has its own tests.
            .UseSetting("Newsroom:SeedDemoStories", "false"));
        // Any free loopback port: UseKestrel(0) ends up on 5000, which another test run on the machine may hold.
        App.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        App.StartServer();
        BaseAddress = App.ClientOptions.BaseAddress;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.HeadlessShell,
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keep it off a network it cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        await DatabaseInitializer.SeedAsync(App.Services, seedDemoData: true);
    }

    /// <summary>
    /// A fresh browser profile signed in as a demo account (on this fixture's app unless another is named), on a blank
    /// page. The sign-in form is posted over HTTP in the profile's own cookie jar, as the page would post it, without
    /// drawing the form or the page it leads to; <see cref="SignInThroughFormAsync"/> where the form is the point.
    /// </summary>
    public async Task<IPage> SignInAsync(string email, string password, Uri? app = null)
    {
        var context = await NewContextAsync(app ?? BaseAddress);
        await using var form = await context.APIRequest.GetAsync("/account/login");
        var token = AntiforgeryToken().Match(await form.TextAsync());
        Assert.True(token.Success, "The sign-in page has no antiforgery token.");
        var fields = context.APIRequest.CreateFormData();
        fields.Set("_handler", "login");
        fields.Set("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token.Groups["value"].Value));
        fields.Set("Input.Email", email);
        fields.Set("Input.Password", password);
        await using var signedIn = await context.APIRequest.PostAsync("/account/login", new APIRequestContextOptions { Form = fields, MaxRedirects = 0 });
        // Signed in, the form answers with a redirect to the start page; refused, with the form again and its error.
        Assert.True(signedIn.Status == 302, $"Signing in as {email} was answered {signedIn.Status}, not with a redirect.");
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser profile signed in through the sign-in page, as a person does, left on the page it leads to.</summary>
    public async Task<IPage> SignInThroughFormAsync(string email, string password, Uri? app = null)
    {
        var baseAddress = app ?? BaseAddress;
        var page = await (await NewContextAsync(baseAddress)).NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        // Only the redirect matters here; the next step loads the page it needs and waits for its own signal.
        await page.WaitForURLAsync(new Uri(baseAddress, "/").ToString(), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        return page;
    }

    private async Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        // A 2-core machine running the other test projects alongside can be slow to paint; wait for it rather than fail.
        context.SetDefaultTimeout(60_000);
        return context;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryToken();

    /// <summary>Opens the notification bell, which opens only with a live circuit: pressed until it does.</summary>
    public static async Task OpenBellAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await page.Locator(".bell-menu").IsVisibleAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "The page's circuit did not start.");
            await page.Locator(".bell-button").ClickAsync();
            await Task.Delay(300);
        }
    }

    /// <summary>Opens a story's workspace and waits for the live editor to be connected.</summary>
    public static async Task OpenLiveAsync(IPage page, Guid storyId)
    {
        await page.GotoAsync($"/stories/{storyId}");
        await page.WaitForSelectorAsync(".live-status[data-state=connected]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    public static Task<string> LiveTextAsync(IPage page, string field = "body") =>
        page.EvaluateAsync<string>($"() => document.querySelector('.live-{field}').liveText()");

    /// <summary>A new Arabic story by Layla (the demo reporter) with this body, for the live editor's tests.</summary>
    public async Task<Guid> ArabicStoryAsync(string body)
    {
        var created = await App.Services.SendAsAsync("layla.haddad@newsroom.test",
            new CreateStory.Command($"live-{Guid.NewGuid():N}", "ar", "Local", "حريق في الميناء", Body: body));
        return created.StoryId;
    }

    /// <summary>Waits up to 20 seconds for pages to agree.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The pages did not agree in time.");
            await Task.Delay(200);
        }
    }
}
