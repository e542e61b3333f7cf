using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain;
using Newsroom.Domain.Stories;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>Nobody approves their own work, and the live editor's log says whose work it is.</summary>
public sealed class OwnWorkTests(WebFixture web) : WebTest(web)
{
    private const string Layla = "layla.haddad@newsroom.test";
    private const string Samira = "samira.nasser@newsroom.test";

    [Fact]
    public async Task An_editor_who_typed_into_the_story_in_the_live_editor_may_not_approve_it_and_another_editor_may()
    {
        var id = (await Web.SendAsAsync(Layla, new CreateStory.Command("own-work-live", "en", "Local", "Harbour fire", Body: "Layla's words."))).StoryId;
        await using (var hub = await Web.HubAsync(CollabHub.Path, Samira, "Editor-demo-1"))
        {
            await hub.StartAsync();
            var joined = await hub.InvokeAsync<JsonElement>("Join", id, "body");
            var text = joined.GetProperty("text").GetString()!;
            await hub.InvokeAsync<JsonElement>("Push", id, "body", joined.GetProperty("version").GetInt32(),
                new object[] { new { clientId = $"samira-{id:N}", changes = new object[] { text.Length, new object[] { 0, " Samira's sentence." } } } });
        }

        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        var refused = await Assert.ThrowsAsync<RefusedException>(() => Web.SendAsAsync(Samira, new Approve.Command(id)));
        await Web.SendAsAsync("admin@newsroom.test", new Approve.Command(id));

        Assert.Equal(("workflow.approve.wrote-text", RefusalKind.Forbidden), (refused.Refusal.Code, refused.Refusal.Kind));
        var story = await Web.SendAsAsync(Layla, new GetStory.Query(id));
        Assert.Equal((StoryState.Approved, "Layla's words. Samira's sentence."), (story.State, story.Body));
    }
}
