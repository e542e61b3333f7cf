using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Newsroom.Browser.Tests.Drafts;

[Collection(BrowserCollection.Name)]
public sealed partial class LiveEditingTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_people_type_into_one_body_at_once_one_in_Arabic_and_both_end_identical_seeing_each_other()
    {
        var storyId = await browser.ArabicStoryAsync("نص البداية.");
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(samira, storyId);

        await layla.ClickAsync(".live-body .cm-content");
        await layla.Keyboard.PressAsync("Control+End");
        await samira.ClickAsync(".live-body .cm-content");
        await samira.Keyboard.PressAsync("Control+Home");
        await Task.WhenAll(
            layla.Keyboard.TypeAsync(" اندلع حريق صباح اليوم في الميناء", new KeyboardTypeOptions { Delay = 15 }),
            samira.Keyboard.TypeAsync("Breaking: ", new KeyboardTypeOptions { Delay = 15 }));

        await BrowserFixture.WaitUntilAsync(async () =>
            await BrowserFixture.LiveTextAsync(layla) == await BrowserFixture.LiveTextAsync(samira)
            && (await BrowserFixture.LiveTextAsync(layla)).Contains("اندلع حريق صباح اليوم في الميناء", StringComparison.Ordinal)
            && (await BrowserFixture.LiveTextAsync(layla)).Contains("Breaking: ", StringComparison.Ordinal));
        Assert.Equal("Breaking: نص البداية. اندلع حريق صباح اليوم في الميناء", await BrowserFixture.LiveTextAsync(samira));
        await Assertions.Expect(layla.Locator(".live-body .remote-caret[aria-label='Samira Nasser is here']")).ToBeVisibleAsync();
        await Assertions.Expect(samira.Locator(".live-body .remote-caret[aria-label='Layla Haddad is here']")).ToBeVisibleAsync();
        await Assertions.Expect(layla.Locator(".presence .avatar[title='Samira Nasser: in the headline, standfirst, body']")).ToBeVisibleAsync();
        Assert.Equal("rtl", await layla.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.live-body .cm-line')).direction"));
    }

    [Fact]
    public async Task A_page_reloaded_with_unsent_edits_sends_them_when_it_comes_back()
    {
        var storyId = await browser.ArabicStoryAsync("نص");
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var blockPushes = true;
        await layla.RouteWebSocketAsync(new Regex("/hubs/collab"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                // While blocked, the edits never reach the server: they can only survive in the page's storage.
                if (!(blockPushes && frame.Text?.Contains("\"target\":\"Push\"", StringComparison.Ordinal) == true))
                {
                    server.Send(frame.Text!);
                }
            });
            server.OnMessage(frame => ws.Send(frame.Text!));
        });
        await BrowserFixture.OpenLiveAsync(layla, storyId);

        await layla.ClickAsync(".live-body .cm-content");
        await layla.Keyboard.PressAsync("Control+End");
        await layla.Keyboard.TypeAsync(" محفوظ", new KeyboardTypeOptions { Delay = 10 });
        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("unsaved change");
        blockPushes = false;
        await layla.ReloadAsync();
        await layla.WaitForSelectorAsync(".live-status[data-state=connected]");

        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(samira, storyId);
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(samira) == "نص محفوظ");
        Assert.Equal("نص محفوظ", await BrowserFixture.LiveTextAsync(layla));
    }

    [Fact]
    public async Task A_dropped_connection_shows_reconnecting_and_what_was_typed_meanwhile_arrives()
    {
        var storyId = await browser.ArabicStoryAsync("نص");
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        IWebSocketRoute? live = null;
        await layla.RouteWebSocketAsync(new Regex("/hubs/collab"), ws =>
        {
            live = ws;
            var server = ws.ConnectToServer();
            ws.OnMessage(frame => server.Send(frame.Text!));
            server.OnMessage(frame => ws.Send(frame.Text!));
        });
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await layla.ClickAsync(".live-body .cm-content");
        await layla.Keyboard.PressAsync("Control+End");

        await live!.CloseAsync(new() { Code = 1006, Reason = "network dropped" });
        await Assertions.Expect(layla.Locator(".live-status")).ToHaveAttributeAsync("data-state", "reconnecting");
        await layla.Keyboard.TypeAsync(" أثناء الانقطاع", new KeyboardTypeOptions { Delay = 10 });
        await Assertions.Expect(layla.Locator(".live-status")).ToContainTextAsync("all changes saved", new() { Timeout = 20_000 });

        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(samira, storyId);
        await BrowserFixture.WaitUntilAsync(async () => await BrowserFixture.LiveTextAsync(samira) == "نص أثناء الانقطاع");
        Assert.Equal("نص أثناء الانقطاع", await BrowserFixture.LiveTextAsync(layla));
    }

    [Fact]
    public async Task A_colleagues_caret_shows_only_in_the_field_they_are_in_and_its_name_is_never_cut_off()
    {
        var storyId = await browser.ArabicStoryAsync("السطر الأول.\n\nالسطر الثاني.");
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var samira = await browser.SignInAsync("samira.nasser@newsroom.test", "Editor-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        await BrowserFixture.OpenLiveAsync(samira, storyId);
        const string samiraHere = ".remote-caret[aria-label='Samira Nasser is here']";

        await samira.ClickAsync(".live-body .cm-content");
        await samira.Keyboard.PressAsync("Control+End");
        await samira.Keyboard.TypeAsync(" تحديث", new KeyboardTypeOptions { Delay = 20 });
        await Assertions.Expect(layla.Locator($".live-body {samiraHere}")).ToBeVisibleAsync();
        await Assertions.Expect(layla.Locator($".live-headline {samiraHere}, .live-standfirst {samiraHere}")).ToHaveCountAsync(0);

        await samira.ClickAsync(".live-headline .cm-content");
        await samira.Keyboard.PressAsync("End");
        await samira.Keyboard.TypeAsync(" الآن", new KeyboardTypeOptions { Delay = 20 });
        await Assertions.Expect(layla.Locator($".live-headline {samiraHere}")).ToBeVisibleAsync();
        await Assertions.Expect(layla.Locator($".live-body {samiraHere}")).ToHaveCountAsync(0);

        // On the one-line headline the name hangs below the caret, inside what is drawn, not above the field's top.
        var label = await layla.Locator($".live-headline {samiraHere} .remote-name").BoundingBoxAsync();
        var field = await layla.Locator(".live-headline .cm-editor").BoundingBoxAsync();
        Assert.True(label!.Y >= field!.Y, $"the name starts at {label.Y}, above the field's top at {field.Y}");
        await Localization.Surfaces.ScreenshotAsync(layla, "carets-layla");
        var clippedBy = await layla.Locator($".live-headline {samiraHere} .remote-name").EvaluateAsync<string>(
            """
            e => {
              const r = e.getBoundingClientRect();
              for (let a = e.parentElement; a; a = a.parentElement) {
                const style = getComputedStyle(a), box = a.getBoundingClientRect();
                const clips = style.overflowX !== "visible" || style.overflowY !== "visible";
                if (clips && (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5 || r.left < box.left - 0.5 || r.right > box.right + 0.5))
                  return a.className || a.tagName;
              }
              return "";
            }
            """);
        Assert.True(clippedBy.Length == 0, $"the name is cut off by {clippedBy}");
        await Localization.Surfaces.ScreenshotAsync(samira, "carets-samira");
    }

    [Fact]
    public async Task Question_mark_opens_the_shortcut_list_by_keyboard_and_ctrl_s_names_and_saves_a_version_from_the_editor()
    {
        var storyId = await browser.ArabicStoryAsync("نص");
        var layla = await browser.SignInAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        await BrowserFixture.OpenLiveAsync(layla, storyId);
        var help = layla.Locator("#shortcut-help");

        await layla.Locator("h1").First.ClickAsync();
        await layla.Keyboard.PressAsync("?");
        await Assertions.Expect(help).ToBeVisibleAsync();
        await Assertions.Expect(help).ToContainTextAsync("Name and save a version");
        await Assertions.Expect(help).ToContainTextAsync("Write a comment");
        await layla.Keyboard.PressAsync("Escape");
        await Assertions.Expect(help).ToBeHiddenAsync();
        await layla.Locator(".shortcut-help-button").FocusAsync();
        await layla.Keyboard.PressAsync("Enter");
        await Assertions.Expect(help).ToBeVisibleAsync();
        await layla.Keyboard.PressAsync("Escape");

        // Typed into the text, ? is a character, not the help.
        await layla.ClickAsync(".live-body .cm-content");
        await layla.Keyboard.PressAsync("Control+End");
        await layla.Keyboard.PressAsync("?");
        await Assertions.Expect(help).ToBeHiddenAsync();
        var revisions = layla.Locator("table[aria-label='Revisions'] tbody tr");
        var before = await revisions.CountAsync();
        await layla.Keyboard.PressAsync("Control+s");
        await layla.Keyboard.TypeAsync("Before the legal read");
        await layla.Keyboard.PressAsync("Enter");
        await Assertions.Expect(revisions).ToHaveCountAsync(before + 1);
        await Assertions.Expect(revisions.First).ToContainTextAsync("Before the legal read");
        await layla.Keyboard.PressAsync("Control+Alt+m");
        Assert.Equal("new-comment", await layla.EvaluateAsync<string>("() => document.activeElement.id"));
    }
}
