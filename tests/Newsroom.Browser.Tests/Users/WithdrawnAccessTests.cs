using Microsoft.Playwright;
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
}
