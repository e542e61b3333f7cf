using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Localization;

/// <summary>
/// What the newsroom itself writes (revision names, notifications) reads in the reader's language: the page's
/// interface culture, the API's <c>Accept-Language</c>, with the code and arguments beside the text for scripts.
/// </summary>
public sealed class GeneratedTextLanguageTests(WebFixture web) : WebTest(web)
{
    private const string ArabicCookie = ".AspNetCore.Culture=c%3Dar%7Cuic%3Dar";

    [Fact]
    public async Task The_API_gives_revision_names_in_Arabic_for_Accept_Language_ar_with_their_code_and_arguments()
    {
        var id = await ChangesRequestedAsync("Add the fire service's statement.");
        using var editor = await Web.EditorAsync();

        var arabic = await RevisionsAsync(editor, id, "ar");
        var english = await RevisionsAsync(editor, id, "en");

        Assert.Equal(
            ["طلب Samira Nasser تعديلات: Add the fire service's statement.", "أرسلها Layla Haddad للمراجعة", "أنشأها Layla Haddad"],
            arabic.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(
            ["Changes requested by Samira Nasser: Add the fire service's statement.", "Submitted for review by Layla Haddad", "Created by Layla Haddad"],
            english.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("revision.changes-requested.note", arabic[0].GetProperty("code").GetString());
        Assert.Equal(["Samira Nasser", "Add the fire service's statement."], arabic[0].GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        using var one = new HttpRequestMessage(HttpMethod.Get, $"/api/stories/{id}/revisions/2");
        one.Headers.AcceptLanguage.ParseAdd("ar");
        using var response = await editor.SendAsync(one);
        Assert.Equal("أرسلها Layla Haddad للمراجعة", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_API_edit_after_approval_sends_the_story_back_to_review_and_its_revision_says_why_in_Arabic()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("harbour-fire", "en", "Local", "Harbour fire", Body: "Approved words."))).StoryId;
        await Web.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new Approve.Command(id));
        using var layla = await Web.ClientForAsync(DemoNewsroom.Layla, "Reporter-demo-1");
        var story = await layla.GetFromJsonAsync<JsonElement>($"/api/stories/{id}");

        using var put = await layla.PutAsJsonAsync($"/api/stories/{id}", new
        {
            expectedVersion = story.GetProperty("version").GetUInt32(),
            desk = "Local",
            body = "Approved words. And more.",
        });
        put.EnsureSuccessStatusCode();

        var after = await layla.GetFromJsonAsync<JsonElement>($"/api/stories/{id}");
        Assert.Equal("InReview", after.GetProperty("state").GetString());
        var latest = (await RevisionsAsync(layla, id, "ar"))[0];
        Assert.Equal("حرّرها Layla Haddad (عادت إلى المراجعة: كانت الموافقة على مراجعة سابقة)", latest.GetProperty("name").GetString());
        Assert.Equal("revision.back-to-review", latest.GetProperty("code").GetString());
        Assert.Equal("revision.edited", latest.GetProperty("args")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_name_a_person_gave_a_revision_stays_as_they_wrote_it_in_either_language()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("harbour-fire", "en", "Local", "Harbour fire"))).StoryId;
        await Web.SendAsAsync(DemoNewsroom.Layla, new Application.Features.Drafts.SaveVersion.Command(id, "Before the rewrite"));
        using var layla = await Web.ClientForAsync(DemoNewsroom.Layla, "Reporter-demo-1");

        var latest = (await RevisionsAsync(layla, id, "ar"))[0];

        Assert.Equal("Before the rewrite", latest.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, latest.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task The_revision_list_on_an_Arabic_workspace_names_each_revision_in_Arabic()
    {
        var id = await ChangesRequestedAsync(note: null);
        using var editor = await Web.EditorAsync();
        editor.DefaultRequestHeaders.Add("Cookie", ArabicCookie);

        var html = await editor.GetStringAsync($"/stories/{id}");

        var document = new HtmlParser().ParseDocument(html);
        var names = document.QuerySelectorAll("table[aria-label='المراجعات'] tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["طلب Samira Nasser تعديلات", "أرسلها Layla Haddad للمراجعة", "أنشأها Layla Haddad"], names);
    }

    [Fact]
    public async Task A_notification_reads_in_each_recipients_language_in_the_API()
    {
        var id = await ChangesRequestedAsync(note: null);
        using var layla = await Web.ClientForAsync(DemoNewsroom.Layla, "Reporter-demo-1");

        var arabic = await LatestNotificationAsync(layla, "ar");
        var english = await LatestNotificationAsync(layla, "en");

        Assert.Equal("«Harbour fire» الآن بانتظار التعديلات (Samira Nasser).", arabic.GetProperty("text").GetString());
        Assert.Equal("“Harbour fire” is now waiting for changes (Samira Nasser).", english.GetProperty("text").GetString());
        Assert.Equal(("notification.state-changed", id), (arabic.GetProperty("code").GetString(), arabic.GetProperty("storyId").GetGuid()));
    }

    private async Task<Guid> ChangesRequestedAsync(string? note)
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("harbour-fire", "en", "Local", "Harbour fire"))).StoryId;
        await Web.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new RequestChanges.Command(id, note));
        return id;
    }

    private static async Task<JsonElement[]> RevisionsAsync(HttpClient client, Guid id, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stories/{id}/revisions");
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }

    private static async Task<JsonElement> LatestNotificationAsync(HttpClient client, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/notifications");
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("latest")[0];
    }
}
