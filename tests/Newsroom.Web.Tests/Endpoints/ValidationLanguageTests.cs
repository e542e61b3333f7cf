using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Application.Features.Stories;
using Newsroom.Web.Hubs;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Endpoints;

/// <summary>
/// Field messages in problem details and hub errors speak the language the client asks for, numbers and names included: those
/// rendered from a code and arguments, the constant sentences, and the ones a handler makes (a taken address, an
/// anchor past the end of the text, a revision that does not exist).
/// </summary>
public sealed class ValidationLanguageTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task A_duplicate_slug_is_refused_in_Arabic_for_Accept_Language_ar_and_in_English_otherwise()
    {
        await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("harbour-fire", "ar", "Local", "حريق الميناء"));
        using var reporter = await Web.ReporterAsync();
        var story = new { slug = "harbour-fire", language = "ar", desk = "Local", headline = "حريق آخر" };

        var arabic = await ErrorsAsync(reporter, HttpMethod.Post, "/api/stories", story, "ar");
        var english = await ErrorsAsync(reporter, HttpMethod.Post, "/api/stories", story, "en");

        Assert.Equal(["توجد قصة بالمعرّف 'harbour-fire' بالفعل؛ اختر معرّفًا آخر."], arabic["slug"]);
        Assert.Equal(["A story with the slug 'harbour-fire' already exists; choose another."], english["slug"]);
    }

    [Fact]
    public async Task A_bio_too_long_is_refused_in_Arabic_with_the_limit_written_as_Arabic_writes_numbers()
    {
        using var admin = await Web.AdminAsync();
        var layla = await Web.UserIdAsync(DemoNewsroom.Layla);
        var bio = new { bio = new string('x', 501) };

        var arabic = await ErrorsAsync(admin, HttpMethod.Put, $"/api/users/{layla}/bio", bio, "ar");
        var english = await ErrorsAsync(admin, HttpMethod.Put, $"/api/users/{layla}/bio", bio, "en");

        Assert.Equal(["الحد الأقصى لعدد أحرف النبذة 500."], arabic["bio"]);
        Assert.Equal(["A bio can be up to 500 characters."], english["bio"]);
    }

    [Fact]
    public async Task An_account_that_exists_is_refused_in_Arabic_naming_the_address()
    {
        using var admin = await Web.AdminAsync();
        var account = new { email = DemoNewsroom.Layla, displayName = "Layla again", role = "Reporter", password = "Another-pass-9" };

        var arabic = await ErrorsAsync(admin, HttpMethod.Post, "/api/users", account, "ar");

        Assert.Equal([$"يوجد حساب للعنوان {DemoNewsroom.Layla} بالفعل."], arabic["email"]);
    }

    [Fact]
    public async Task A_comment_anchored_past_the_text_or_to_a_missing_revision_is_refused_in_Arabic_with_the_field_named_in_Arabic()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("port-strike", "ar", "Local", "إضراب"))).StoryId;
        using var editor = await Web.EditorAsync();

        var pastEnd = await ErrorsAsync(editor, HttpMethod.Post, $"/api/stories/{id}/comments",
            new { body = "Check this.", anchorField = "headline", anchorFrom = 0, anchorTo = 50, anchorRevision = 1 }, "ar");
        var noRevision = await ErrorsAsync(editor, HttpMethod.Post, $"/api/stories/{id}/comments",
            new { body = "Check this.", anchorField = "headline", anchorFrom = 0, anchorTo = 2, anchorRevision = 9 }, "ar");

        Assert.Equal(["عدد أحرف العنوان في المراجعة 1 هو 5 فقط."], pastEnd["anchorTo"]);
        Assert.Equal(["ليس للقصة مراجعة رقمها 9."], noRevision["anchorRevision"]);
    }

    [Fact]
    public async Task A_constant_sentence_and_FluentValidations_own_wording_are_in_Arabic_too()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("souk", "ar", "Local", "السوق"))).StoryId;
        using var editor = await Web.EditorAsync();

        var errors = await ErrorsAsync(editor, HttpMethod.Post, $"/api/stories/{id}/comments",
            new { body = "", anchorField = "caption" }, "ar");

        Assert.Equal(["اربط التعليق بـ 'headline' أو 'standfirst' أو 'body'."], errors["anchorField"]);
        var empty = Assert.Single(errors["body"]);
        Assert.Contains(empty, c => c is >= '\u0600' and <= '\u06FF');
        Assert.DoesNotContain("must not be empty", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_too_short_is_refused_in_Arabic_with_the_policys_length()
    {
        using var reporter = await Web.ReporterAsync();
        var change = new { currentPassword = "Reporter-demo-2", newPassword = "Short1" };

        var arabic = await ErrorsAsync(reporter, HttpMethod.Put, "/api/users/me/password", change, "ar");

        Assert.Equal(["يجب ألا يقل عدد أحرف كلمة المرور عن 12."], arabic["newPassword"]);
    }

    [Fact]
    public async Task A_hub_call_refused_by_a_validator_is_answered_in_the_language_of_its_connection()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("night-buses", "ar", "Local", "حافلات الليل"))).StoryId;
        await using var arabic = await Web.HubAsync($"{CollabHub.Path}?culture=ar&ui-culture=ar", DemoNewsroom.Layla, "Reporter-demo-1");
        await using var english = await Web.HubAsync(CollabHub.Path, DemoNewsroom.Layla, "Reporter-demo-1");
        await arabic.StartAsync();
        await english.StartAsync();

        var inArabic = await Assert.ThrowsAsync<HubException>(() => arabic.InvokeAsync<JsonElement>("Join", id, "caption"));
        var inEnglish = await Assert.ThrowsAsync<HubException>(() => english.InvokeAsync<JsonElement>("Join", id, "caption"));

        Assert.EndsWith("يجب أن يكون الحقل headline أو standfirst أو body.", inArabic.Message, StringComparison.Ordinal);
        Assert.EndsWith("Field must be headline, standfirst or body.", inEnglish.Message, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(
        HttpClient client, HttpMethod method, string path, object body, string language)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
