using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Newsroom.Application.Features.Revisions;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Endpoints;

/// <summary>Suggestions over HTTP, for scripts and checkers: made on the live text, decided once, refused with a reason.</summary>
public sealed class SuggestionApiTests(WebFixture web) : WebTest(web)
{
    private const string Layla = "layla.haddad@newsroom.test";
    private const string Samira = "samira.nasser@newsroom.test";
    private const string Admin = "admin@newsroom.test";

    [Fact]
    public async Task An_editor_suggests_over_http_and_the_reporter_accepts_both_parts_once_and_the_history_names_it()
    {
        var id = await InReviewAsync("api-suggest", "The fire started at noon.");
        using var samira = await Web.EditorAsync();
        using var layla = await Web.ClientForAsync(Layla, "Reporter-demo-1");

        using var made = await samira.PostAsJsonAsync($"/api/stories/{id}/suggestions",
            new { field = "body", from = 20, to = 24, insert = "dawn", note = "The fire service says dawn." });
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var ids = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("suggestionIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        var listed = await layla.GetFromJsonAsync<JsonElement>($"/api/stories/{id}/suggestions");

        Assert.Equal(2, ids.Count);
        Assert.Equal(
            [("Insertion", "dawn", 20, 24), ("Deletion", "noon", 24, 28)],
            listed.EnumerateArray().Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("text").GetString(),
                s.GetProperty("from").GetInt32(), s.GetProperty("to").GetInt32())));
        Assert.All(listed.EnumerateArray(), s =>
        {
            Assert.Equal(("body", "Samira Nasser", "The fire service says dawn."),
                (s.GetProperty("field").GetString(), s.GetProperty("authorName").GetString(), s.GetProperty("note").GetString()));
            Assert.StartsWith("body-", s.GetProperty("id").GetString(), StringComparison.Ordinal);
        });

        foreach (var suggestion in ids)
        {
            using var accepted = await layla.PostAsync($"/api/stories/{id}/suggestions/{suggestion}/accept", null);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var twice = await layla.PostAsync($"/api/stories/{id}/suggestions/{ids[0]}/reject", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(0, (await layla.GetFromJsonAsync<JsonElement>($"/api/stories/{id}/suggestions")).GetArrayLength());
        var story = await Web.SendAsAsync(Layla, new GetStory.Query(id));
        Assert.Equal("The fire started at dawn.", story.Body);
        var names = (await Web.SendAsAsync(Layla, new ListRevisions.Query(id))).Select(r => r.GeneratedName?.Code).ToList();
        Assert.Equal(2, names.Count(n => n == "revision.suggestions-accepted"));
    }

    [Fact]
    public async Task Suggestions_outside_the_text_splitting_a_character_from_someone_not_on_the_story_or_badly_formed_are_refused()
    {
        var id = await InReviewAsync("api-refusals", "Smile 😀 please.");
        using var samira = await Web.EditorAsync();
        using var tom = await Web.ReporterAsync();

        async Task<(HttpStatusCode, JsonElement)> PostAsync(HttpClient client, object body)
        {
            using var response = await client.PostAsJsonAsync($"/api/stories/{id}/suggestions", body);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        var (outsideStatus, outside) = await PostAsync(samira, new { field = "body", from = 3, to = 99, insert = "x" });
        var (splitStatus, split) = await PostAsync(samira, new { field = "body", from = 7, to = 7, insert = "x" });
        var (notOnStatus, _) = await PostAsync(tom, new { field = "body", from = 0, to = 5, insert = "Frown" });
        var (fieldStatus, field) = await PostAsync(samira, new { field = "caption", from = 0, to = 0, insert = "x" });
        var (noteStatus, note) = await PostAsync(samira, new { field = "body", from = 0, to = 0, insert = "x", note = new string('n', PushLimits.MaxNoteLength + 1) });
        using var badId = await samira.PostAsync($"/api/stories/{id}/suggestions/caption-3.0/accept", null);
        using var tomDecides = await tom.PostAsync($"/api/stories/{id}/suggestions/body-1.0/accept", null);

        Assert.Equal(HttpStatusCode.BadRequest, outsideStatus);
        Assert.Contains("99", outside.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, splitStatus);
        Assert.Contains("7", split.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notOnStatus);
        Assert.Equal(HttpStatusCode.BadRequest, fieldStatus);
        Assert.True(field.GetProperty("errors").TryGetProperty("field", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noteStatus);
        Assert.True(note.GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tomDecides.StatusCode);
        Assert.Equal("Smile 😀 please.", (await Web.SendAsAsync(Layla, new GetStory.Query(id))).Body);
    }

    [Fact]
    public async Task Publishing_is_blocked_with_the_count_while_suggestions_are_open_in_English_and_Arabic()
    {
        var id = await InReviewAsync("api-publish-blocked", "Council votes tonight.");
        using var samira = await Web.EditorAsync();
        using var admin = await Web.AdminAsync();
        using var layla = await Web.ClientForAsync(Layla, "Reporter-demo-1");
        (await samira.PostAsJsonAsync($"/api/stories/{id}/suggestions", new { field = "body", from = 14, to = 21, insert = "on Monday" })).Dispose();
        await Web.SendAsAsync(Admin, new Approve.Command(id));

        var story = await Web.SendAsAsync(Samira, new GetStory.Query(id));
        using var refused = await samira.PostAsync($"/api/stories/{id}/publish", null);
        using var arabic = new HttpRequestMessage(HttpMethod.Post, $"/api/stories/{id}/publish") { Headers = { { "Accept-Language", "ar" } } };
        using var refusedInArabic = await samira.SendAsync(arabic);

        var publish = story.Actions.Single(a => a.Action == StoryAction.Publish);
        Assert.Equal(("workflow.publish.open-suggestions", 2), (publish.Reason?.Code, publish.Reason?.Args[0]));
        Assert.Equal(2, story.OpenSuggestions);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("Can't publish: 2 open suggestions.", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("لا يمكن النشر: هناك اقتراحان لم يُحسما.", (await refusedInArabic.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        using var rejected = await layla.PostAsync($"/api/stories/{id}/suggestions/reject-all", null);
        Assert.True(rejected.StatusCode == HttpStatusCode.OK, await rejected.Content.ReadAsStringAsync());
        Assert.Equal(2, (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decided").GetInt32());
        await Web.SendAsAsync(Admin, new Approve.Command(id));
        using var published = await samira.PostAsync($"/api/stories/{id}/publish", null);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        Assert.Equal(("Council votes tonight.", StoryState.Published), ((await Web.SendAsAsync(Layla, new GetStory.Query(id))) is var s ? (s.Body, s.State) : default));
    }

    /// <summary>ADR-008's own-work rule reads who has words in the live text now, not who ever typed.</summary>
    [Fact]
    public async Task An_editor_whose_suggestion_was_rejected_may_approve_and_one_whose_suggestion_was_accepted_may_not()
    {
        var id = await InReviewAsync("api-own-work", "Rain is expected.");
        using var samira = await Web.EditorAsync();
        using var admin = await Web.AdminAsync();
        using var layla = await Web.ClientForAsync(Layla, "Reporter-demo-1");
        var samiraId = (await Web.UserIdAsync(Samira)).ToString("D");
        var adminId = (await Web.UserIdAsync(Admin)).ToString("D");
        (await samira.PostAsJsonAsync($"/api/stories/{id}/suggestions", new { field = "body", from = 16, to = 16, insert = " tomorrow" })).Dispose();
        (await admin.PostAsJsonAsync($"/api/stories/{id}/suggestions", new { field = "body", from = 0, to = 0, insert = "Heavy " })).Dispose();

        var adminBefore = await Assert.ThrowsAsync<RefusedException>(() => Web.SendAsAsync(Admin, new Approve.Command(id)));
        (await layla.PostAsJsonAsync($"/api/stories/{id}/suggestions/accept-all", new { suggestedBy = samiraId })).Dispose();
        (await layla.PostAsJsonAsync($"/api/stories/{id}/suggestions/reject-all", new { suggestedBy = adminId })).Dispose();
        var samiraAfter = await Assert.ThrowsAsync<RefusedException>(() => Web.SendAsAsync(Samira, new Approve.Command(id)));
        await Web.SendAsAsync(Admin, new Approve.Command(id));

        Assert.Equal("workflow.approve.wrote-text", adminBefore.Refusal.Code);
        Assert.Equal("workflow.approve.wrote-text", samiraAfter.Refusal.Code);
        var story = await Web.SendAsAsync(Layla, new GetStory.Query(id));
        Assert.Equal((StoryState.Approved, "Rain is expected tomorrow."), (story.State, story.Body));
    }

    private async Task<Guid> InReviewAsync(string slug, string body)
    {
        var id = (await Web.SendAsAsync(Layla, new CreateStory.Command(slug, "en", "Local", "Weather", Body: body))).StoryId;
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        return id;
    }
}
