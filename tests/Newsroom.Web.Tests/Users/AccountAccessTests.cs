using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Newsroom.Web.Hubs;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;
using Newsroom.Web.Localization;
using Newsroom.Web.Tests.Infrastructure;
using Newsroom.Web.Tests.Security;

namespace Newsroom.Web.Tests.Users;

/// <summary>Accounts an administrator disables, demotes or resets lose what they held, on every channel.</summary>
public sealed class AccountAccessTests(WebFixture web) : WebTest(web)
{
    /// <summary>What a person of a disabled account is told, in English (no Accept-Language).</summary>
    private static string DisabledText =>
        RefusalText.Render(Refusal.Forbidden(AccountAccess.Disabled), System.Globalization.CultureInfo.GetCultureInfo("en"));

    private const string Tom = "tom.becker@newsroom.test";
    private const string TomPassword = "Reporter-demo-2";
    private const string Samira = "samira.nasser@newsroom.test";
    private const string SamiraPassword = "Editor-demo-1";

    [Fact]
    public async Task A_disabled_account_loses_its_bearer_token_its_refresh_token_and_sign_in_until_enabled_again()
    {
        var tom = await Web.LoginFullyAsync(Tom, TomPassword);
        using var tomClient = Bearer(tom.AccessToken);
        (await tomClient.GetAsync("/api/stories")).EnsureSuccessStatusCode();
        using var admin = await Web.AdminAsync();
        var tomId = await Web.UserIdAsync(Tom);

        using var disabled = await admin.PostAsync($"/api/users/{tomId}/disable", null);
        using var withToken = await tomClient.GetAsync("/api/stories");
        using var refreshed = await Web.Anonymous().PostAsJsonAsync("/api/identity/refresh", new { refreshToken = tom.RefreshToken });
        using var signIn = await Web.Anonymous().PostAsJsonAsync("/api/identity/login", new { email = Tom, password = TomPassword });

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
        Assert.Contains(DisabledText, await withToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);

        (await admin.PostAsync($"/api/users/{tomId}/enable", null)).EnsureSuccessStatusCode();
        using var again = Bearer(await Web.LoginAsync(Tom, TomPassword));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/stories")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tomClient.GetAsync("/api/stories")).StatusCode);
    }

    [Fact]
    public async Task A_demoted_editor_keeps_no_editor_access_from_before_and_signs_in_again_as_a_reporter()
    {
        using var oldSession = await Web.EditorAsync();
        Assert.Equal(HttpStatusCode.OK, (await oldSession.GetAsync("/api/audit")).StatusCode);
        using var admin = await Web.AdminAsync();

        using var changed = await admin.PutAsJsonAsync($"/api/users/{await Web.UserIdAsync(Samira)}/role", new { role = "Reporter" });
        using var old = await oldSession.GetAsync("/api/audit");
        using var newSession = await Web.ClientForAsync(Samira, SamiraPassword);
        using var fresh = await newSession.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("\"previousRole\":\"Editor\"", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Contains("sign in again", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, fresh.StatusCode);
    }

    [Fact]
    public async Task A_cookie_session_of_a_disabled_account_is_signed_out_and_the_sign_in_page_says_why()
    {
        var browser = Web.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SignInTests.SubmitSignInAsync(browser, Tom, TomPassword))
        {
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        using var admin = await Web.AdminAsync();
        (await admin.PostAsync($"/api/users/{await Web.UserIdAsync(Tom)}/disable", null)).EnsureSuccessStatusCode();

        using var page = await browser.GetAsync("/");
        using var signInPage = await browser.GetAsync(page.Headers.Location);
        using var afterwards = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login?withdrawn=true", page.Headers.Location!.OriginalString);
        Assert.Contains("an administrator disabled your account", await signInPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("account/login?returnUrl", afterwards.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_open_hub_connection_of_a_disabled_account_is_refused_at_its_next_call_and_closed()
    {
        var token = await Web.LoginAsync(Tom, TomPassword);
        await using var collab = TestHubs.Connect(Web.Factory.Server, CollabHub.Path, token);
        await using var listener = TestHubs.Connect(Web.Factory.Server, NewsroomHub.Path, token);
        await collab.StartAsync();
        await listener.StartAsync();
        var closed = new TaskCompletionSource();
        listener.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        using var admin = await Web.AdminAsync();

        (await admin.PostAsync($"/api/users/{await Web.UserIdAsync(Tom)}/disable", null)).EnsureSuccessStatusCode();
        var refused = await Assert.ThrowsAsync<HubException>(() => collab.InvokeAsync<JoinResult>("Join", Guid.NewGuid(), "body"));

        Assert.Contains(DisabledText, refused.Message, StringComparison.Ordinal);
        // The listener never calls; the sweep closes it within the check interval (1 s in the tests).
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, listener.State);
        using var reconnect = await Bearer(token).PostAsync($"{NewsroomHub.Path}/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, reconnect.StatusCode);
        Assert.Contains(DisabledText, await reconnect.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_disabled_nor_demoted()
    {
        using var admin = await Web.AdminAsync();
        var adminId = await Web.UserIdAsync("admin@newsroom.test");

        using var disable = await admin.PostAsync($"/api/users/{adminId}/disable", null);
        using var demote = await admin.PutAsJsonAsync($"/api/users/{adminId}/role", new { role = "Editor" });

        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        Assert.Contains("the last active administrator", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/audit")).StatusCode);

        // With a second active administrator, the first may step down.
        (await admin.PutAsJsonAsync($"/api/users/{await Web.UserIdAsync(Samira)}/role", new { role = "Admin" })).EnsureSuccessStatusCode();
        using var stepDown = await admin.PutAsJsonAsync($"/api/users/{adminId}/role", new { role = "Editor" });
        Assert.Equal(HttpStatusCode.OK, stepDown.StatusCode);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("password-reset")]
    public async Task Only_an_admin_manages_access_and_a_refused_call_changes_nothing(string action)
    {
        using var editor = await Web.EditorAsync();
        var tomId = await Web.UserIdAsync(Tom);

        using var response = await editor.PostAsync($"/api/users/{tomId}/{action}", null);
        using var role = await editor.PutAsJsonAsync($"/api/users/{tomId}/role", new { role = "Admin" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, role.StatusCode);
        await using var db = Web.Database.CreateContext();
        var tom = await db.Users.SingleAsync(u => u.Id == tomId);
        Assert.Null(tom.DisabledAt);
        Assert.Null(tom.PasswordResetHash);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(await Web.LoginAsync(Tom, TomPassword)).GetAsync("/api/stories")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_link_is_stored_hashed_works_once_on_its_page_and_ends_old_sessions()
    {
        using var oldSession = await Web.ReporterAsync();
        using var admin = await Web.AdminAsync();
        var tomId = await Web.UserIdAsync(Tom);

        using var issued = await admin.PostAsync($"/api/users/{tomId}/password-reset", null);
        var link = await issued.Content.ReadFromJsonAsync<ResetLink>();

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.InRange(link!.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        var url = new Uri(link.ResetUrl);
        var token = Uri.UnescapeDataString(url.Query.Split("token=")[1]);
        await using (var db = Web.Database.CreateContext())
        {
            var stored = await db.Users.Where(u => u.Id == tomId).Select(u => u.PasswordResetHash).SingleAsync();
            Assert.NotNull(stored);
            Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
            Assert.Equal(64, stored.Length);
        }

        var browser = Web.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await HtmlPage.GetAsync(browser, url.PathAndQuery);
        using var done = await form.SubmitAsync(browser, "form", new Dictionary<string, string> { ["new-password"] = "A-brand-new-password-9" }, url.PathAndQuery);
        var again = await HtmlPage.GetAsync(browser, url.PathAndQuery);
        using var reused = await again.SubmitAsync(browser, "form", new Dictionary<string, string> { ["new-password"] = "Another-new-password-9" }, url.PathAndQuery);

        Assert.Contains("Your password is changed", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("not valid any more", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(await Web.LoginAsync(Tom, "A-brand-new-password-9")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldSession.GetAsync("/api/stories")).StatusCode);
    }

    [Fact]
    public async Task Everyone_changes_their_own_password_knowing_the_current_one()
    {
        using var tom = await Web.ReporterAsync();

        using var wrong = await tom.PutAsJsonAsync("/api/users/me/password", new { currentPassword = "not-it", newPassword = "Toms-new-password-12" });
        using var weak = await tom.PutAsJsonAsync("/api/users/me/password", new { currentPassword = TomPassword, newPassword = "short" });
        using var changed = await tom.PutAsJsonAsync("/api/users/me/password", new { currentPassword = TomPassword, newPassword = "Toms-new-password-12" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("That is not your current password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False(string.IsNullOrEmpty(await Web.LoginAsync(Tom, "Toms-new-password-12")));
    }

    [Fact]
    public async Task Every_account_command_is_in_the_audit_log_allowed_or_refused()
    {
        using var admin = await Web.AdminAsync();
        using var editor = await Web.EditorAsync();
        var tomId = await Web.UserIdAsync(Tom);

        (await admin.PostAsync($"/api/users/{tomId}/disable", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/users/{tomId}/enable", null)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/users/{tomId}/role", new { role = "Editor" })).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/users/{tomId}/password-reset", null)).EnsureSuccessStatusCode();
        (await editor.PostAsync($"/api/users/{tomId}/disable", null)).Dispose();

        await using var db = Web.Database.CreateContext();
        var rows = await db.AuditLog.OrderBy(a => a.Id).Select(a => new { a.Command, a.Outcome, a.UserName }).ToListAsync();
        Assert.Equal(
            ["DisableUser:Succeeded", "EnableUser:Succeeded", "ChangeRole:Succeeded", "IssuePasswordReset:Succeeded", "DisableUser:Refused"],
            rows.Where(r => r.Command is "DisableUser" or "EnableUser" or "ChangeRole" or "IssuePasswordReset").Select(r => $"{r.Command}:{r.Outcome}"));
    }

    private HttpClient Bearer(string token)
    {
        var client = Web.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record ResetLink(string ResetUrl, DateTimeOffset ExpiresAt);
}
