using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
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

    private static async Task<(Guid, bool)> NextAsync(ChannelReader<(Guid StoryId, bool On)> reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadAsync(timeout.Token);
    }
}
