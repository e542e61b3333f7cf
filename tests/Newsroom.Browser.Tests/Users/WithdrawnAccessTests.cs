using Microsoft.Playwright;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Users;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Users;

/// <summary>An open Blazor circuit of an account an administrator disables ends, and the page says why.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WithdrawnAccessTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_open_board_of_a_disabled_account_goes_to_the_sign_in_page_which_says_why()
    {
        var layla = await browser.SignInAsync(DemoNewsroom.Layla, "Reporter-demo-1");
        await layla.GotoAsync("/board");
        await layla.WaitForSelectorAsync("[data-circuit=live]");
        var laylaId = (await browser.App.Services.SendAsAsync("admin@newsroom.test", new ListUsers.Query()))
            .Single(u => u.Email == DemoNewsroom.Layla).Id;

        await browser.App.Services.SendAsAsync("admin@newsroom.test", new DisableUser.Command(laylaId));

        // Nobody reloads: the circuit's own check (every 2 s here, 30 s by default) ends the session.
        await layla.WaitForURLAsync("**/account/login?withdrawn=true", new PageWaitForURLOptions { Timeout = 30_000 });
        await Assertions.Expect(layla.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("an administrator disabled your account or changed its role or password");
    }

    [Fact]
    public async Task An_open_start_page_that_news_reloads_after_its_account_is_disabled_goes_to_the_sign_in_page_before_the_circuits_own_check()
    {
        // An instance whose circuits check their account only every ten minutes: what ends this page is its reload.
        await using var app = browser.App.WithWebHostBuilder(web => web.UseSetting("Security:AccessCheckSeconds", "600"));
        app.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        var layla = await browser.SignInAsync(DemoNewsroom.Layla, "Reporter-demo-1", app.ClientOptions.BaseAddress);
        await layla.GotoAsync("/");
        await BrowserFixture.OpenBellAsync(layla);
        var laylaId = (await app.Services.SendAsAsync("admin@newsroom.test", new ListUsers.Query()))
            .Single(u => u.Email == DemoNewsroom.Layla).Id;

        await app.Services.SendAsAsync("admin@newsroom.test", new DisableUser.Command(laylaId));
        // A new story anywhere reloads everyone's start page; Layla's reload is refused.
        await app.Services.SendAsAsync(DemoNewsroom.Samira,
            new CreateStory.Command($"news-{Guid.NewGuid():N}", "en", "Local", "Harbour fire", Body: "Start"));

        await layla.WaitForURLAsync("**/account/login?withdrawn=true", new PageWaitForURLOptions { Timeout = 30_000 });
        await Assertions.Expect(layla.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("an administrator disabled your account or changed its role or password");
    }
}
