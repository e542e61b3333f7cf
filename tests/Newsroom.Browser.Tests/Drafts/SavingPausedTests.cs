using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain;
using Newsroom.Testing;
using Newsroom.Web.Localization;

namespace Newsroom.Browser.Tests.Drafts;

/// <summary>
/// The editor when the server answers "saving is paused" (the database out of reach longer than the server waits: the
/// server side is <c>Web.Tests/Hubs/DatabaseOutageTests</c>). Here the refusal is answered in the server's place, exactly
/// as the hub sends it, so the page meets it without taking the suite's database down.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SavingPausedTests(BrowserFixture browser) : IAsyncLifetime
{
    private const char RecordSeparator = '\u001e';

    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_editor_shows_saving_is_paused_keeps_the_edits_and_sends_them_once_saving_resumes()
    {
        var storyId = (await browser.App.Services.SendAsAsync("layla.haddad@newsroom.test",
            new CreateStory.Command($"live-{Guid.NewGuid():N}", "en", "Local", "Harbour fire", Body: "Start"))).StoryId;
        var paused = RefusalText.Render(Refusal.Unavailable("saving.paused"), CultureInfo.GetCultureInfo("en"));
        var page = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var pausing = true;
        var refused = 0;
        await page.RouteWebSocketAsync(new Regex("/hubs/collab"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                foreach (var message in frame.Text!.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Volatile.Read(ref pausing) && message.Contains("\"target\":\"TryPush\"", StringComparison.Ordinal))
                    {
                        // The hub's answer to a push refused as saving paused: a completion whose result says so, a refusal that passes.
                        var invocationId = JsonDocument.Parse(message).RootElement.GetProperty("invocationId").GetString();
                        ws.Send(JsonSerializer.Serialize(new
                        {
                            type = 3,
                            invocationId,
                            result = new { version = -1, pushAfterMs = 0, refused = new { code = "saving.paused", message = paused, retry = true } },
                        }) + RecordSeparator);
                        Interlocked.Increment(ref refused);
                        continue;
                    }

                    server.Send(message + RecordSeparator);
                }
            });
            server.OnMessage(frame => ws.Send(frame.Text!));
        });
        await BrowserFixture.OpenLiveAsync(page, storyId);
        await page.ClickAsync(".live-body .cm-content");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" by Layla", new KeyboardTypeOptions { Delay = 10 });

        // Said in the person's words, with the edits still in the page and kept in the browser.
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("Saving is paused");
        Assert.Equal("Start by Layla", await BrowserFixture.LiveTextAsync(page));
        Assert.True(await page.EvaluateAsync<int>(
            "() => Object.keys(localStorage).filter(k => k.startsWith('newsroom:pending:')).map(k => JSON.parse(localStorage.getItem(k)).updates.length).reduce((a, b) => a + b, 0)") > 0);

        // Refused again and again while it lasts (the page tries after 1 s, then 2 s, ...), with nothing typed meanwhile.
        var typedPushes = Volatile.Read(ref refused);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Volatile.Read(ref refused) < typedPushes + 2 && DateTime.UtcNow < deadline)
        {
            await page.WaitForTimeoutAsync(200);
        }

        Assert.True(Volatile.Read(ref refused) >= typedPushes + 2, "the page sent the refused push again by itself, twice");
        Volatile.Write(ref pausing, false);

        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("all changes saved", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        var saved = await browser.App.Services.SendAsAsync("samira.nasser@newsroom.test", new JoinText.Query(storyId, "body"));
        Assert.Equal("Start by Layla", saved.Text);
    }
}
