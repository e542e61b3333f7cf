using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Stories;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>What goes out is exactly the approved text, whatever the live editor does around the approval.</summary>
public sealed class ApprovedTextTests(WebFixture web, ITestOutputHelper output) : WebTest(web)
{
    private const string Layla = "layla.haddad@newsroom.test";
    private const string Samira = "samira.nasser@newsroom.test";

    [Fact]
    public async Task A_live_push_to_an_approved_story_sends_it_back_to_review_in_the_same_transaction_and_tells_the_approver()
    {
        var (storyId, _) = await ApprovedStoryAsync("push-after-approval", "Approved words.");
        await using var hub = await Web.HubAsync(CollabHub.Path, Layla, "Reporter-demo-1");
        await hub.StartAsync();
        var joined = await hub.InvokeAsync<JsonElement>("Join", storyId, "body");

        await PushAsync(hub, storyId, joined, " Typed after approval.");

        // No waiting for the idle save: the push itself moved the story.
        var story = await Web.SendAsAsync(Layla, new GetStory.Query(storyId));
        Assert.Equal((StoryState.InReview, "Approved words. Typed after approval.", (int?)null),
            (story.State, story.Body, story.ApprovedRevisionNumber));
        var revisions = await Web.SendAsAsync(Layla, new Application.Features.Revisions.ListRevisions.Query(storyId));
        Assert.Equal("revision.back-to-review(revision.written-live(Layla Haddad))", revisions[0].GeneratedName?.ToString());
        await using var db = Web.Database.CreateContext();
        var audit = await db.AuditLog.Where(a => a.StoryId == storyId).OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("PushUpdates", "Layla Haddad", StoryState.Approved, StoryState.InReview, revisions[0].Number),
            (audit.Command, audit.UserName, audit.FromState, audit.ToState, audit.RevisionNumber));
        var bell = await Web.SendAsAsync(Samira, new GetMyNotifications.Query());
        Assert.Contains(bell.Latest, n => n.StoryId == storyId && n.Message?.Code == "notification.state-changed" && n.Message.Args[^1] is "Layla Haddad");
        using var editor = await Web.EditorAsync();
        using var publish = await editor.PostAsync($"/api/stories/{storyId}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
    }

    [Fact]
    public async Task Live_pushes_racing_publish_never_put_unapproved_text_on_the_article_page()
    {
        const int Rounds = 200;
        await using var hub = await Web.HubAsync(CollabHub.Path, Layla, "Reporter-demo-1");
        await hub.StartAsync();
        using var editor = await Web.EditorAsync();
        var reader = Web.Anonymous();
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < Rounds; round++)
        {
            var approvedBody = $"Approved text {round}.";
            var (storyId, slug) = await ApprovedStoryAsync($"race-{round}", approvedBody);
            var joined = await hub.InvokeAsync<JsonElement>("Join", storyId, "body");

            // Alternate which side starts first; either may commit first.
            var push = round % 2 == 0 ? TryPushAsync() : Task.Run(TryPushAsync);
            var publish = editor.PostAsync($"/api/stories/{storyId}/publish", null);
            await Task.WhenAll(push, publish);
            using var published = await publish;

            var outcome = $"push {(await push ? "accepted" : "refused")}, publish {(int)published.StatusCode}";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (published.IsSuccessStatusCode)
            {
                var page = await HtmlPage.GetAsync(reader, $"/articles/{slug}");
                Assert.Equal(approvedBody, page.One(".article-body").TextContent.Trim());
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, published.StatusCode);
                using var article = await reader.GetAsync($"/articles/{slug}");
                Assert.Equal(HttpStatusCode.NotFound, article.StatusCode);
            }

            await hub.InvokeAsync("Leave", storyId, "body");

            async Task<bool> TryPushAsync()
            {
                try
                {
                    await PushAsync(hub, storyId, joined, " UNAPPROVED");
                    return true;
                }
                catch (HubException)
                {
                    return false;
                }
            }
        }

        output.WriteLine(string.Join("; ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
        Assert.Equal(Rounds, outcomes.Values.Sum());
        Assert.DoesNotContain(outcomes.Keys, o => o.StartsWith("push accepted, publish 2", StringComparison.Ordinal));
    }

    private async Task<(Guid Id, string Slug)> ApprovedStoryAsync(string slug, string body)
    {
        var id = (await Web.SendAsAsync(Layla, new CreateStory.Command(slug, "en", "Local", $"Headline {slug}", Body: body))).StoryId;
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(Samira, new Approve.Command(id));
        return (id, slug);
    }

    private static Task<JsonElement> PushAsync(HubConnection hub, Guid storyId, JsonElement joined, string appended)
    {
        var text = joined.GetProperty("text").GetString()!;
        return hub.InvokeAsync<JsonElement>("Push", storyId, "body", joined.GetProperty("version").GetInt32(),
            new object[] { new { clientId = $"layla-{storyId:N}", changes = new object[] { text.Length, new object[] { 0, appended } } } });
    }
}
