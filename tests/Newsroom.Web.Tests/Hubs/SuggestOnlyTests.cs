using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Collab;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>The open editors hear at once when a story starts or stops making every edit a suggestion.</summary>
public sealed class SuggestOnlyTests(WebFixture web) : WebTest(web)
{
    private const string Layla = "layla.haddad@newsroom.test";
    private const string Samira = "samira.nasser@newsroom.test";

    [Fact]
    public async Task An_open_editor_hears_suggest_only_turn_on_in_review_and_off_when_the_story_leaves_review()
    {
        var id = (await Web.SendAsAsync(Layla, new CreateStory.Command("suggest-only-hub", "en", "Local", "Harbour fire", Body: "Layla's words."))).StoryId;
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        var heard = Channel.CreateUnbounded<(Guid StoryId, bool On)>();
        await using var hub = await Web.HubAsync(CollabHub.Path, Layla, "Reporter-demo-1");
        hub.On<Guid, bool>(nameof(ICollabClient.SuggestOnly), (storyId, on) => heard.Writer.TryWrite((storyId, on)));
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>(nameof(CollabHub.Join), id, "body");

        await Web.SendAsAsync(Samira, new SetSuggestOnly.Command(id, true));
        var turnedOn = await NextAsync(heard.Reader);
        await Web.SendAsAsync(Samira, new RequestChanges.Command(id, "Tighten the intro."));
        var turnedOff = await NextAsync(heard.Reader);

        Assert.Equal((id, true), turnedOn);
        Assert.Equal((id, false), turnedOff);
    }

    [Fact]
    public async Task In_a_suggest_only_story_typing_becomes_a_suggestion_and_deleting_plainly_is_refused_until_it_leaves_review()
    {
        var id = (await Web.SendAsAsync(Layla, new CreateStory.Command("suggest-only-push", "en", "Local", "Harbour fire", Body: "Layla's words."))).StoryId;
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(Samira, new SetSuggestOnly.Command(id, true));
        await using var hub = await Web.HubAsync(CollabHub.Path, Layla, "Reporter-demo-1");
        await hub.StartAsync();
        var joined = await hub.InvokeAsync<JsonElement>(nameof(CollabHub.Join), id, "body");
        var (version, length) = (joined.GetProperty("version").GetInt32(), joined.GetProperty("text").GetString()!.Length);

        var deleting = await Assert.ThrowsAsync<HubException>(() => PushAsync(hub, id, version, "plain-1", ChangeSet.Replace(length, 0, 6, "")));
        var typed = await PushAsync(hub, id, version, "plain-2", ChangeSet.Replace(length, length, length, " More."));
        var afterTyping = await Web.SendAsAsync(Layla, new ListSuggestions.Query(id));
        var joinedAgain = await hub.InvokeAsync<JsonElement>(nameof(CollabHub.Join), id, "body");
        await Web.SendAsAsync(Samira, new RequestChanges.Command(id, "Tighten the intro."));
        var outOfReview = await PushAsync(hub, id, typed, "plain-3", ChangeSet.Replace(length + 6, 0, 6, ""));

        Assert.EndsWith("This story takes every edit as a suggestion now: turn on suggesting to delete text.", deleting.Message, StringComparison.Ordinal);
        Assert.Equal(version + 1, typed);
        Assert.True(joined.GetProperty("suggestOnly").GetBoolean());
        Assert.True(joinedAgain.GetProperty("suggestOnly").GetBoolean());
        var suggestion = Assert.Single(afterTyping);
        Assert.Equal(("body", " More."), (suggestion.Field, suggestion.Text));
        Assert.Equal(typed + 1, outOfReview);
    }

    private static async Task<int> PushAsync(HubConnection hub, Guid storyId, int version, string clientId, ChangeSet changes) =>
        (await hub.InvokeAsync<PushResult>(nameof(CollabHub.Push), storyId, "body", version, new[] { new { clientId, changes } })).Version;

    private static async Task<(Guid, bool)> NextAsync(ChannelReader<(Guid StoryId, bool On)> reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadAsync(timeout.Token);
    }
}
