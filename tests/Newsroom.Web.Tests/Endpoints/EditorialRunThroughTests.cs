using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Endpoints;

/// <summary>A story's life through the HTTP API, as a new user would drive it with a script.</summary>
public sealed class EditorialRunThroughTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task From_draft_to_published_through_the_API_with_every_step_audited_and_named()
    {
        using var layla = await Web.ClientForAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        using var samira = await Web.EditorAsync();

        var created = await layla.PostAsJsonAsync("/api/stories", new
        {
            slug = "port-fire",
            language = "ar",
            desk = "Local",
            headline = "حريق في مستودع قرب الميناء",
            body = "اندلع حريق صباح اليوم.",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storyId").GetGuid();

        await Ok(layla.PostAsync($"/api/stories/{id}/submit", null));
        await Ok(samira.PostAsJsonAsync($"/api/stories/{id}/request-changes", new { note = "Add the fire service's statement." }));
        var story = await layla.GetFromJsonAsync<JsonElement>($"/api/stories/{id}");
        await Ok(layla.PutAsJsonAsync($"/api/stories/{id}", new
        {
            expectedVersion = story.GetProperty("version").GetUInt32(),
            desk = "Local",
            headline = "حريق في مستودع قرب الميناء",
            body = "اندلع حريق صباح اليوم، وقال الدفاع المدني إنه سيطر عليه خلال ساعة.",
        }));
        await Ok(layla.PostAsync($"/api/stories/{id}/submit", null));

        using var selfApproval = await layla.PostAsync($"/api/stories/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal("Not allowed: Approve is for Editor or Admin; Layla Haddad has none of those roles.", await DetailAsync(selfApproval));

        await Ok(samira.PostAsync($"/api/stories/{id}/approve", null));
        using var selfPublish = await layla.PostAsync($"/api/stories/{id}/publish", null);
        Assert.Equal(HttpStatusCode.Forbidden, selfPublish.StatusCode);
        Assert.Contains("Publish is for Editor or Admin", await DetailAsync(selfPublish), StringComparison.Ordinal);

        var published = await Ok(samira.PostAsync($"/api/stories/{id}/publish", null));
        Assert.Equal("Published", published.GetProperty("state").GetString());

        var audit = (await samira.GetFromJsonAsync<JsonElement[]>($"/api/audit?storyId={id}"))!.Reverse().ToList();
        Assert.Equal(
            [
                ("CreateStory", "Succeeded"), ("SubmitForReview", "Succeeded"), ("RequestChanges", "Succeeded"),
                ("UpdateStory", "Succeeded"), ("SubmitForReview", "Succeeded"), ("Approve", "Refused"),
                ("Approve", "Succeeded"), ("Publish", "Refused"), ("Publish", "Succeeded"),
            ],
            audit.Select(a => (a.GetProperty("command").GetString(), a.GetProperty("outcome").GetString())));
        Assert.Equal(("Approved", "Published"), (audit[^1].GetProperty("fromState").GetString(), audit[^1].GetProperty("toState").GetString()));

        var revisions = await layla.GetFromJsonAsync<JsonElement[]>($"/api/stories/{id}/revisions");
        Assert.Equal(
            [
                "Created by Layla Haddad",
                "Submitted for review by Layla Haddad",
                "Changes requested by Samira Nasser: Add the fire service's statement.",
                "Edited by Layla Haddad",
                "Submitted for review by Layla Haddad",
                "Approved by Samira Nasser",
                "Published by Samira Nasser",
            ],
            revisions!.Select(r => r.GetProperty("name").GetString()).Reverse());
    }

    [Fact]
    public async Task A_save_quoting_an_old_version_gets_409_and_does_not_overwrite()
    {
        using var layla = await Web.ClientForAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        using var samira = await Web.EditorAsync();
        var stories = await layla.GetFromJsonAsync<JsonElement[]>("/api/stories?view=Mine");
        var id = stories![0].GetProperty("id").GetGuid();
        var loaded = await layla.GetFromJsonAsync<JsonElement>($"/api/stories/{id}");
        var version = loaded.GetProperty("version").GetUInt32();

        await Ok(samira.PutAsJsonAsync($"/api/stories/{id}", new { expectedVersion = version, desk = "Local", headline = "Samira's headline" }));
        using var stale = await layla.PutAsJsonAsync($"/api/stories/{id}", new { expectedVersion = version, desk = "Local", headline = "Layla's headline" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by someone else", await DetailAsync(stale), StringComparison.Ordinal);
        Assert.Equal("Samira's headline", (await layla.GetFromJsonAsync<JsonElement>($"/api/stories/{id}")).GetProperty("headline").GetString());
    }

    [Fact]
    public async Task A_blocked_publish_is_409_with_the_reason()
    {
        using var samira = await Web.EditorAsync();
        using var layla = await Web.ClientForAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        var id = (await layla.GetFromJsonAsync<JsonElement[]>("/api/stories?view=Mine"))![0].GetProperty("id").GetGuid();
        await Ok(layla.PostAsync($"/api/stories/{id}/submit", null));
        await Ok(samira.PostAsync($"/api/stories/{id}/approve", null));
        await Ok(samira.PostAsJsonAsync($"/api/stories/{id}/comments", new { body = "Who took the photo?" }));

        using var blocked = await samira.PostAsync($"/api/stories/{id}/publish", null);

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal("Can't publish: 1 unresolved comment.", await DetailAsync(blocked));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_workflow()
    {
        var document = await Web.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/stories/{id}/approve", paths);
        Assert.Contains("/api/stories/{id}/revisions/compare", paths);
        Assert.Contains("/api/identity/login", paths);
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}
