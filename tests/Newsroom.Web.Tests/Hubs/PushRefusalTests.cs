using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain;
using Newsroom.Domain.Collab;
using Newsroom.Web.Hubs;
using Newsroom.Web.Localization;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>
/// TryPush answers a refusal as data the editor acts on (docs/protocol.md, ADR-027): its code, its sentence, and
/// whether it passes by itself (send again later) or stands (the same push will never be taken).
/// </summary>
public sealed class PushRefusalTests(WebFixture web) : WebTest(web)
{
    private const string Layla = "layla.haddad@newsroom.test";
    private const string Samira = "samira.nasser@newsroom.test";

    [Fact]
    public async Task Removing_an_own_suggestion_accepted_meanwhile_is_answered_with_its_code_and_stands()
    {
        var id = (await Web.SendAsAsync(Layla, new CreateStory.Command("refused-push-hub", "en", "Local", "Harbour fire", Body: "Layla's words."))).StoryId;
        await using var samira = await Web.HubAsync(CollabHub.Path, Samira, "Editor-demo-1");
        await samira.StartAsync();
        var joined = await samira.InvokeAsync<JsonElement>(nameof(CollabHub.Join), id, "body");
        var (version, length) = (joined.GetProperty("version").GetInt32(), joined.GetProperty("text").GetString()!.Length);

        var suggested = await TryPushAsync(samira, id, version, "samira-1", ChangeSet.Replace(length, length, length, " Fresh."));
        var suggestion = Assert.Single(await Web.SendAsAsync(Layla, new ListSuggestions.Query(id)));
        await Web.SendAsAsync(Layla, new SettleSuggestion.Command(id, suggestion.Id, Accept: true));
        // Samira has not seen the acceptance: on her text, removing " Fresh." removes her own open suggestion.
        var removal = ChangeSet.Replace(length + 7, length, length + 7, "");
        var refused = await TryPushAsync(samira, id, suggested.Version, "samira-2", removal);
        var again = await TryPushAsync(samira, id, suggested.Version, "samira-2", removal);
        var thrown = await Assert.ThrowsAsync<HubException>(() => samira.InvokeAsync<PushResult>(
            nameof(CollabHub.Push), id, "body", suggested.Version, Updates("samira-2", removal)));

        Assert.Null(suggested.Refused);
        Assert.Equal(version + 1, suggested.Version);
        Assert.Equal("push.suggestion-deletes-text", refused.Refused?.Code);
        Assert.False(refused.Refused!.Retry);
        Assert.False(string.IsNullOrWhiteSpace(refused.Refused.Message));
        Assert.Equal(refused.Refused, again.Refused);
        // Push, for clients that read refusals as errors, still throws the same sentence.
        Assert.EndsWith(refused.Refused.Message, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_past_the_rate_cap_is_answered_as_passing_and_one_for_no_story_as_standing()
    {
        await using var app = Web.Factory.WithWebHostBuilder(host => host
            .UseSetting("Hubs:PushesPerSecondPerPerson", "1")
            .UseSetting("Hubs:PushBurstPerPerson", "1"));
        await using var layla = TestHubs.Connect(app.Server, CollabHub.Path, await Web.LoginAsync(Layla, "Reporter-demo-1"));
        await layla.StartAsync();
        var nowhere = Guid.NewGuid();

        var first = await TryPushAsync(layla, nowhere, 0, "layla-1", ChangeSet.Replace(0, 0, 0, "x"));
        var second = await TryPushAsync(layla, nowhere, 0, "layla-1", ChangeSet.Replace(0, 0, 0, "x"));

        Assert.NotNull(first.Refused);
        Assert.NotEqual("push.rate", first.Refused.Code);
        Assert.False(first.Refused.Retry);
        Assert.Equal("push.rate", second.Refused?.Code);
        Assert.True(second.Refused!.Retry);
        Assert.Contains("faster than anyone types", second.Refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_deletion_in_a_suggest_only_story_is_answered_in_the_callers_language()
    {
        var id = (await Web.SendAsAsync(Layla, new CreateStory.Command("refused-push-arabic", "en", "Local", "Harbour fire", Body: "Layla's words."))).StoryId;
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(Samira, new SetSuggestOnly.Command(id, true));
        await using var layla = TestHubs.Connect(Web.Factory.Server, CollabHub.Path, await Web.LoginAsync(Layla, "Reporter-demo-1"), culture: "ar");
        await layla.StartAsync();
        var joined = await layla.InvokeAsync<JsonElement>(nameof(CollabHub.Join), id, "body");
        var (version, length) = (joined.GetProperty("version").GetInt32(), joined.GetProperty("text").GetString()!.Length);

        var refused = await layla.InvokeAsync<PushResult>(nameof(CollabHub.TryPush), id, "body", version,
            new[] { new { clientId = "layla-1", changes = ChangeSet.Replace(length, 0, 6, "") } });

        Assert.Equal(new PushRefused("push.suggest-only", RefusalText.Render(Refusal.Conflict("push.suggest-only"), CultureInfo.GetCultureInfo("ar")), Retry: false),
            refused.Refused);
    }

    private static Task<PushResult> TryPushAsync(HubConnection hub, Guid storyId, int version, string clientId, ChangeSet changes) =>
        hub.InvokeAsync<PushResult>(nameof(CollabHub.TryPush), storyId, "body", version, Updates(clientId, changes));

    private static object[] Updates(string clientId, ChangeSet changes) =>
        [new { clientId, changes, tracking = new { suggest = true } }];
}
