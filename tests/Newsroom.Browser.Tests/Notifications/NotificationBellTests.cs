using Microsoft.Playwright;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Users;
using Newsroom.Application.Features.Workflow;
using Newsroom.Testing;

namespace Newsroom.Browser.Tests.Notifications;

/// <summary>
/// A notification is stored as a code with arguments and read in the recipient's own language: the one on their
/// profile, which their pages are served in, whoever caused it and whatever language that person uses.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationBellTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_notification_for_an_Arabic_speaking_reporter_reads_Arabic_in_their_bell()
    {
        await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new SetInterfacePreferences.Command("ar", ArabicIndicDigits: false));
        var id = (await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command(
            $"bell-{Guid.NewGuid():N}"[..20], "en", "Local", "Harbour fire"))).StoryId;
        await browser.App.Services.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(id));
        // Samira works in English; what she did still reaches Layla in Arabic.
        await browser.App.Services.SendAsAsync(DemoNewsroom.Samira, new RequestChanges.Command(id, "Add the fire service's statement."));

        var page = await browser.SignInAsync(DemoNewsroom.Layla, "Reporter-demo-1");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await BrowserFixture.OpenBellAsync(page);

        await Assertions.Expect(page.Locator(".bell-menu li a").First).ToHaveTextAsync("«Harbour fire» الآن بانتظار التعديلات (Samira Nasser).");
    }
}
