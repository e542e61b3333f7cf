using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Security;

public sealed partial class SignInTests(WebFixture web) : WebTest(web)
{
    public static TheoryData<string, string, string> ReadmeAccounts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Readme.Table("Email | Password | Role"))
        {
            data.Add(row[0], row[1], row[2]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadmeAccounts))]
    public async Task Every_demo_account_in_the_README_signs_in_and_gets_what_its_role_allows(
        string email, string password, string role)
    {
        // The README's table includes the demo newsroom's colleagues, seeded with its stories.
        await Application.Data.DatabaseInitializer.SeedAsync(Web.Factory.Services, seedDemoData: true, demoStories: true);
        using var client = await Web.ClientForAsync(email, password);

        var info = await client.GetFromJsonAsync<ManageInfo>("/api/identity/manage/info");
        using var audit = await client.GetAsync("/api/audit");

        Assert.Equal(email, info!.Email);
        Assert.Equal(role is "Editor" or "Admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, audit.StatusCode);
    }

    [Fact]
    public async Task Self_registration_is_switched_off_and_makes_no_account()
    {
        using var response = await Web.Anonymous().PostAsJsonAsync("/api/identity/register",
            new { email = "walk-in@example.com", password = "Walk-in-password-1" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("created by a Newsroom administrator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = Web.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "walk-in@example.com"));
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password()
    {
        var client = Web.Anonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/identity/login",
                new { email = "tom.becker@newsroom.test", password = $"guess-{attempt}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await client.PostAsJsonAsync("/api/identity/login",
            new { email = "tom.becker@newsroom.test", password = "Reporter-demo-2" });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("Sign-in failed.", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = Web.Database.CreateContext();
        var lockoutEnd = await db.Users.Where(u => u.Email == "tom.becker@newsroom.test").Select(u => u.LockoutEnd).SingleAsync();
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task The_sign_in_page_sets_a_cookie_and_the_layout_shows_who_is_signed_in()
    {
        var browser = Web.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

        using var signedIn = await SubmitSignInAsync(browser, "samira.nasser@newsroom.test", "Editor-demo-1");

        var home = await signedIn.Content.ReadAsStringAsync();
        Assert.Equal("/", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Samira Nasser", home, StringComparison.Ordinal);
        Assert.Contains("Sign out", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_on_the_sign_in_page_says_what_to_do()
    {
        var browser = Web.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        using var response = await SubmitSignInAsync(browser, "samira.nasser@newsroom.test", "not-her-password");

        Assert.Contains("do not match an account that may sign in now.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tom.becker@newsroom.test", "Reporter-demo-2")]
    [InlineData("samira.nasser@newsroom.test", "Editor-demo-1")]
    public async Task Only_an_admin_creates_accounts_through_the_API(string email, string password)
    {
        using var client = await Web.ClientForAsync(email, password);

        using var response = await client.PostAsJsonAsync("/api/users",
            new { email = "new.hire@newsroom.test", displayName = "New Hire", role = "Admin", password = "Long-enough-password-1" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("CreateUser is for Admin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = Web.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "new.hire@newsroom.test"));
    }

    [Fact]
    public async Task An_admin_creates_an_account_through_the_API_that_can_then_sign_in()
    {
        using var admin = await Web.ClientForAsync("admin@newsroom.test", "Admin-demo-1");

        using var response = await admin.PostAsJsonAsync("/api/users",
            new { email = "new.hire@newsroom.test", displayName = "New Hire", role = "Reporter", password = "Long-enough-password-1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await Web.LoginAsync("new.hire@newsroom.test", "Long-enough-password-1")));
    }

    [Fact]
    public async Task Signing_out_without_the_form_token_is_refused()
    {
        var browser = Web.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SubmitSignInAsync(browser, "samira.nasser@newsroom.test", "Editor-demo-1"))
        {
        }

        using var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        using var stillSignedIn = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task Pages_send_a_signed_out_visitor_to_the_sign_in_page()
    {
        using var response = await Web.Anonymous().GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_in_answers_an_unknown_email_exactly_as_a_locked_or_disabled_one()
    {
        var client = Web.Anonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await client.PostAsJsonAsync("/api/identity/login", new { email = "tom.becker@newsroom.test", password = $"guess-{attempt}" })).Dispose();
        }

        using var admin = await Web.AdminAsync();
        (await admin.PostAsync($"/api/users/{await Web.UserIdAsync("layla.haddad@newsroom.test")}/disable", null)).EnsureSuccessStatusCode();

        var answers = new List<(HttpStatusCode, string?, string?)>();
        foreach (var (email, password) in new[]
                 {
                     ("nobody@newsroom.test", "Reporter-demo-2"),
                     ("tom.becker@newsroom.test", "Reporter-demo-2"),
                     ("layla.haddad@newsroom.test", "Reporter-demo-1"),
                     ("samira.nasser@newsroom.test", "wrong-password"),
                 })
        {
            using var response = await client.PostAsJsonAsync("/api/identity/login", new { email, password });
            // Everything but the trace id, which differs per request.
            var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
            answers.Add((response.StatusCode, problem!.Title, problem.Detail));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].Item1);
    }

    [Fact]
    public async Task Sign_in_takes_as_long_for_an_unknown_email_or_a_locked_account_as_for_a_wrong_password()
    {
        var client = Web.Anonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await client.PostAsJsonAsync("/api/identity/login", new { email = "tom.becker@newsroom.test", password = $"guess-{attempt}" })).Dispose();
        }

        // Alternated so a machine that slows down part-way slows all three alike; medians, so one hiccup is no verdict.
        var (unknown, locked, wrong) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < 7; round++)
        {
            unknown.Add(await TimeAsync("nobody-" + round + "@newsroom.test"));
            locked.Add(await TimeAsync("tom.becker@newsroom.test"));
            // Four wrong passwords in all: Samira stays below the lockout (5), so this is the password-checking path.
            if (round < 4)
            {
                wrong.Add(await TimeAsync("samira.nasser@newsroom.test"));
            }
        }

        var hashed = Median(wrong);
        Assert.InRange(Median(unknown), hashed / 3, hashed * 3);
        Assert.InRange(Median(locked), hashed / 3, hashed * 3);

        async Task<double> TimeAsync(string email)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var response = await client.PostAsJsonAsync("/api/identity/login", new { email, password = "not-the-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return clock.Elapsed.TotalMilliseconds;
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address_whatever_email_they_try()
    {
        await using var limited = Web.Factory.WithWebHostBuilder(host => host.UseSetting("SignIn:PermitLimit", "3"));
        var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.PostAsJsonAsync("/api/identity/login",
                new { email = $"someone-{attempt}@newsroom.test", password = "guess" });
            statuses.Add(response.StatusCode);
        }

        using var rightPassword = await client.PostAsJsonAsync("/api/identity/login",
            new { email = "samira.nasser@newsroom.test", password = "Editor-demo-1" });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPassword.StatusCode);
        Assert.Contains("Too many sign-in attempts from your address", await rightPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> SubmitSignInAsync(HttpClient browser, string email, string password)
    {
        var form = await browser.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed record ManageInfo(string Email, bool IsEmailConfirmed);
}
