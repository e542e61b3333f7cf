using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Collab;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>
/// Suggestions and authorship over real SignalR connections, sequenced by the real PostgreSQL: each client keeps the
/// text's tracked state from Join and the updates it receives, as the browser does, and must end where the server is.
/// </summary>
public sealed class SuggestionHubTests(WebFixture web) : WebTest(web)
{
    private static readonly (string Email, string Password) Layla = ("layla.haddad@newsroom.test", "Reporter-demo-1");
    private static readonly (string Email, string Password) Tom = ("tom.becker@newsroom.test", "Reporter-demo-2");
    private static readonly (string Email, string Password) Samira = ("samira.nasser@newsroom.test", "Editor-demo-1");

    private const string Body = "The council met on Monday. قال الوزير إن الاتفاق وُقِّع أمس.";

    [Fact]
    public async Task An_editor_suggesting_while_a_reporter_types_leaves_both_clients_and_the_server_with_one_text_one_set_of_suggestions_and_one_authorship()
    {
        var storyId = await NewStoryAsync(Body);
        var (laylaId, samiraId) = (await Web.UserIdAsync(Layla.Email), await Web.UserIdAsync(Samira.Email));
        await using var layla = await JoinAsync(Layla, storyId, "layla", laylaId);
        await using var samira = await JoinAsync(Samira, storyId, "samira", samiraId);
        var random = new Random(15);

        async Task ReporterTypesAsync()
        {
            for (var i = 0; i < 40; i++)
            {
                await layla.EditAsync(doc =>
                {
                    var at = random.Next(doc.Length + 1);
                    return i % 5 == 4 && at < doc.Length ? ChangeSet.Replace(doc.Length, at, at + 1, "") : ChangeSet.Replace(doc.Length, at, at, $" r{i}");
                });
                await layla.PushAsync();
            }
        }

        async Task EditorSuggestsAsync()
        {
            for (var i = 0; i < 40; i++)
            {
                await samira.SuggestAsync(doc =>
                {
                    var from = random.Next(doc.Length + 1);
                    var to = Math.Min(doc.Length, from + (i % 3 == 0 ? 0 : 1 + random.Next(4)));
                    return (from, to, i % 3 == 1 ? "" : i % 2 == 0 ? $" ق{i}" : $" s{i}");
                }, i % 4 == 0 ? $"note {i}" : null);
                await samira.PushAsync();
            }
        }

        await Task.WhenAll(Task.Run(ReporterTypesAsync), Task.Run(EditorSuggestsAsync));
        await layla.SettleAsync(TimeSpan.FromSeconds(30));
        await samira.SettleAsync(TimeSpan.FromSeconds(30));
        await layla.PullAsync();

        var server = await Web.Factory.Services.GetRequiredService<LiveTexts>().TrackedAsync(storyId, "body", CancellationToken.None);
        Assert.Equal(server.Version, layla.Version);
        Assert.Equal(server.Version, samira.Version);
        Assert.All([layla.Doc, samira.Doc, layla.Confirmed!.Text, samira.Confirmed!.Text], text => Assert.Equal(server.Text, text));
        Assert.Equal(Json(server.Tracked.State), Json(layla.Confirmed.State));
        Assert.Equal(Json(server.Tracked.State), Json(samira.Confirmed.State));

        var suggestions = server.Tracked.Suggestions;
        Assert.Contains(suggestions, s => s.Kind == SuggestionKind.Insertion);
        Assert.Contains(suggestions, s => s.Kind == SuggestionKind.Deletion);
        Assert.All(suggestions, s => Assert.Equal(samiraId.ToString("D"), s.AuthorId));
        Assert.Equal(
            [laylaId.ToString("D"), samiraId.ToString("D")],
            server.Tracked.Authorship.Runs.Select(r => r.Value).Distinct().Order());
        Assert.Equal(("Layla Haddad", "Samira Nasser"), (server.People[laylaId.ToString("D")], server.People[samiraId.ToString("D")]));
        Assert.Equal("Samira Nasser", layla.People[samiraId.ToString("D")]);
    }

    [Fact]
    public async Task Two_people_deciding_one_suggestion_at_once_land_exactly_one_decision_every_time()
    {
        var storyId = await NewStoryAsync(Body);
        await using var samira = await JoinAsync(Samira, storyId, "samira", await Web.UserIdAsync(Samira.Email));
        await using var layla = await Web.HubAsync(CollabHub.Path, Layla.Email, Layla.Password);
        await layla.StartAsync();
        var accepted = 0;
        for (var round = 0; round < 20; round++)
        {
            await samira.SuggestAsync(doc => (doc.Length, doc.Length, $" s{round}"));
            await samira.SettleAsync(TimeSpan.FromSeconds(10));
            var id = Assert.Single(samira.Confirmed!.Suggestions).Id;
            var before = samira.Version;

            var decisions = new[]
            {
                Task.Run(() => layla.InvokeAsync<DecideResult>(nameof(CollabHub.Decide), storyId, "body", id, true)),
                Task.Run(() => samira.Connection.InvokeAsync<DecideResult>(nameof(CollabHub.Decide), storyId, "body", id, false)),
            };
            await Task.WhenAll(decisions.Select(d => d.ContinueWith(_ => { }, TaskScheduler.Default)));

            var landed = Assert.Single(decisions, d => d.IsCompletedSuccessfully);
            var refused = Assert.IsType<HubException>(Assert.Single(decisions, d => d.IsFaulted).Exception!.InnerException);
            Assert.EndsWith("That suggestion is no longer open: someone has accepted or rejected it already.", refused.Message, StringComparison.Ordinal);
            Assert.Equal(before + 1, (await landed).Version);
            await samira.PullAsync();
            Assert.Equal(before + 1, samira.Version);
            Assert.Empty(samira.Confirmed.Suggestions);
            var acceptWon = landed == decisions[0];
            accepted += acceptWon ? 1 : 0;
            Assert.Equal(acceptWon, samira.Doc.EndsWith($" s{round}", StringComparison.Ordinal));
        }

        await using var db = Web.Database.CreateContext();
        var audited = await db.AuditLog.Where(a => a.StoryId == storyId && a.Command == "SettleSuggestion").ToListAsync();
        Assert.Equal(20, audited.Count(a => a.Outcome == AuditOutcome.Succeeded));
        Assert.Equal(20, audited.Count(a => a.Outcome == AuditOutcome.Refused));
        Assert.InRange(accepted, 0, 20);
    }

    [Fact]
    public async Task The_suggester_sets_a_note_over_the_hub_and_every_client_takes_it_in_while_another_person_is_refused()
    {
        var storyId = await NewStoryAsync(Body);
        var (laylaId, samiraId) = (await Web.UserIdAsync(Layla.Email), await Web.UserIdAsync(Samira.Email));
        await using var samira = await JoinAsync(Samira, storyId, "samira", samiraId);
        await using var layla = await JoinAsync(Layla, storyId, "layla", laylaId);
        await samira.SuggestAsync(doc => (0, 0, "Breaking: "));
        await samira.SettleAsync(TimeSpan.FromSeconds(10));
        var id = Assert.Single(samira.Confirmed!.Suggestions).Id;

        var notHers = await Assert.ThrowsAsync<HubException>(() => layla.Connection.InvokeAsync<DecideResult>(nameof(CollabHub.SetNote), storyId, "body", id, "Mine"));
        await samira.Connection.InvokeAsync<DecideResult>(nameof(CollabHub.SetNote), storyId, "body", id, "As the desk asked.");
        await samira.SettleAsync(TimeSpan.FromSeconds(10));
        await layla.PullAsync();

        Assert.EndsWith("Only Samira Nasser, who made this suggestion, can change its note.", notHers.Message, StringComparison.Ordinal);
        var server = await Web.Factory.Services.GetRequiredService<LiveTexts>().TrackedAsync(storyId, "body", CancellationToken.None);
        Assert.Equal("As the desk asked.", Assert.Single(server.Tracked.Suggestions).Note);
        Assert.Equal(Json(server.Tracked.State), Json(layla.Confirmed!.State));
        Assert.Equal(Json(server.Tracked.State), Json(samira.Confirmed.State));
    }

    [Fact]
    public async Task Join_gives_the_tracked_state_and_names_and_suggestions_that_remove_text_or_mark_outside_it_are_refused()
    {
        var storyId = await NewStoryAsync(Body);
        var (laylaId, samiraId) = (await Web.UserIdAsync(Layla.Email), await Web.UserIdAsync(Samira.Email));
        await using var samira = await JoinAsync(Samira, storyId, "samira", samiraId);
        await samira.SuggestAsync(doc => (0, 3, "A"), "house style");
        await samira.SettleAsync(TimeSpan.FromSeconds(10));
        var length = samira.Doc.Length;

        var removes = await Assert.ThrowsAsync<HubException>(() => samira.Connection.InvokeAsync<JsonElement>(nameof(CollabHub.Push), storyId, "body", samira.Version,
            new[] { new { clientId = "samira", changes = ChangeSet.Replace(length, 4, 7, ""), tracking = new { suggest = true } } }));
        var outside = await Assert.ThrowsAsync<HubException>(() => samira.Connection.InvokeAsync<JsonElement>(nameof(CollabHub.Push), storyId, "body", samira.Version,
            new[] { new { clientId = "samira", changes = ChangeSet.Empty(length), tracking = new { suggest = true, deletions = new[] { new[] { 5, length + 1 } } } } }));
        var unknown = await Assert.ThrowsAsync<HubException>(() => samira.Connection.InvokeAsync<DecideResult>(nameof(CollabHub.Decide), storyId, "body", "body-99.0", true));

        Assert.EndsWith("A suggestion at 4 would remove text instead of marking it for deletion.", removes.Message, StringComparison.Ordinal);
        Assert.EndsWith($"A suggested deletion from 5 to {length + 1} is outside the text of {length} characters or out of order.", outside.Message, StringComparison.Ordinal);
        Assert.EndsWith("That suggestion is no longer open: someone has accepted or rejected it already.", unknown.Message, StringComparison.Ordinal);

        // Anyone on the staff may read along and sees the suggestions and who made them; deciding is for those who may edit.
        await using var tom = await Web.HubAsync(CollabHub.Path, Tom.Email, Tom.Password);
        await tom.StartAsync();
        var joined = await tom.InvokeAsync<JsonElement>(nameof(CollabHub.Join), storyId, "body");
        var state = JsonSerializer.Deserialize<TrackedTextState>(joined.GetProperty("tracked"), JsonSerializerOptions.Web)!;
        Assert.Equal(Json(samira.Confirmed!.State), Json(state));
        Assert.Equal(
            [(SuggestionKind.Insertion, samiraId.ToString("D"), "house style"), (SuggestionKind.Deletion, samiraId.ToString("D"), "house style")],
            state.Suggestions.Select(s => (s.Kind, s.AuthorId, s.Note)));
        Assert.Equal("Layla Haddad", joined.GetProperty("people").GetProperty(laylaId.ToString("D")).GetString());
        Assert.Equal("Samira Nasser", joined.GetProperty("people").GetProperty(samiraId.ToString("D")).GetString());
        Assert.False(joined.GetProperty("suggestOnly").GetBoolean());
        var notHis = await Assert.ThrowsAsync<HubException>(() => tom.InvokeAsync<DecideResult>(nameof(CollabHub.DecideAll), storyId, "body", true, (string?)null));
        Assert.EndsWith("Can't edit: you are not on this story's byline or assigned to it.", notHis.Message, StringComparison.Ordinal);

        // The author accepts everything Samira proposed: her word goes in, the struck one goes.
        await using var layla = await Web.HubAsync(CollabHub.Path, Layla.Email, Layla.Password);
        await layla.StartAsync();
        var all = await layla.InvokeAsync<DecideResult>(nameof(CollabHub.DecideAll), storyId, "body", true, samiraId.ToString("D"));
        await samira.PullAsync();
        Assert.Equal((all.Version, "A" + Body[3..]), (samira.Version, samira.Doc));
        Assert.Empty(samira.Confirmed.Suggestions);
        var none = await layla.InvokeAsync<DecideResult>(nameof(CollabHub.DecideAll), storyId, "body", false, (string?)null);
        Assert.Equal(all.Version, none.Version);
    }

    private async Task<HubTextClient> JoinAsync((string Email, string Password) person, Guid storyId, string clientId, Guid userId) =>
        await HubTextClient.JoinTrackedAsync(await Web.HubAsync(CollabHub.Path, person.Email, person.Password), storyId, "body", clientId, userId);

    private static string Json(TrackedTextState state) => JsonSerializer.Serialize(state, JsonSerializerOptions.Web);

    private async Task<Guid> NewStoryAsync(string body)
    {
        using var layla = await Web.ClientForAsync(Layla.Email, Layla.Password);
        using var created = await layla.PostAsJsonAsync("/api/stories", new
        {
            slug = $"suggested-{Guid.NewGuid():N}",
            language = "ar",
            desk = "Local",
            headline = "Suggested",
            body,
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storyId").GetGuid();
    }
}
