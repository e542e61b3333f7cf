using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Newsroom.Domain.Collab;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>Live co-editing over real SignalR connections, sequenced by the real PostgreSQL.</summary>
public sealed class CollabHubTests(WebFixture web) : WebTest(web)
{
    private static readonly (string Email, string Password)[] People =
    [
        ("layla.haddad@newsroom.test", "Reporter-demo-1"),
        ("tom.becker@newsroom.test", "Reporter-demo-2"),
        ("samira.nasser@newsroom.test", "Editor-demo-1"),
        ("admin@newsroom.test", "Admin-demo-1"),
    ];

    private static readonly string[] Fillers = ["مَرْحَبًا ", "السلام ", "قال، ", "The council ", "news ", "😀", "\n", "٣٤٠ "];

    [Fact]
    public async Task A_client_too_far_behind_is_told_to_open_the_text_again_instead_of_getting_the_whole_history()
    {
        var storyId = await NewStoryAsync("Live test", sharedWith: "tom.becker@newsroom.test");
        await using var writer = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "writer");
        var start = writer.Version;
        for (var i = 0; i < PushLimits.MaxPullUpdates + 1; i++)
        {
            await writer.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, "x"));
        }

        await writer.PushAsync();
        await writer.SettleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(start + PushLimits.MaxPullUpdates + 1, writer.Version);

        await using var late = await Web.HubAsync(CollabHub.Path, People[1].Email, People[1].Password);
        await late.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            late.InvokeAsync<JsonElement>(nameof(CollabHub.Pull), storyId, "body", start));
        Assert.Contains("open the text again", refused.Message, StringComparison.Ordinal);

        // Within the bound a pull still answers; and opening the text again gives it as it is now.
        var caughtUp = await late.InvokeAsync<JsonElement>(nameof(CollabHub.Pull), storyId, "body", writer.Version - 10);
        Assert.Equal(10, caughtUp.GetProperty("updates").GetArrayLength());
        var joined = await late.InvokeAsync<JoinResult>(nameof(CollabHub.Join), storyId, "body");
        Assert.Equal(writer.Doc, joined.Text);
        Assert.Equal(writer.Version, joined.Version);
    }

    /// <summary>The back-pressure signal (docs/protocol.md): a busy text asks its clients to push less often.</summary>
    [Fact]
    public async Task A_push_that_waited_for_its_text_asks_for_a_pause_before_the_next_and_a_prompt_one_does_not()
    {
        await using var app = Web.Factory.WithWebHostBuilder(host => host.UseSetting("Hubs:PushPacingAfterMs", "1000"));
        var storyId = await NewStoryAsync("Paced");
        var token = await Web.LoginAsync(People[0].Email, People[0].Password);
        await using var writer = await HubTextClient.JoinAsync(TestHubs.Connect(app.Server, CollabHub.Path, token), storyId, "body", "writer");
        await TypeAsync("a");
        await writer.PushAsync();

        await TypeAsync("b");
        Assert.Equal(0, await writer.PushAsync());

        // A workflow step holding the story's row keeps the next commit waiting, as a queue of commits would.
        int pause;
        await using (var db = Web.Database.CreateContext())
        {
            await using var step = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM stories WHERE id = {storyId} FOR UPDATE");
            await TypeAsync("c");
            var pushing = writer.PushAsync();
            await Task.Delay(2_500);
            Assert.False(pushing.IsCompleted);
            await step.CommitAsync();
            pause = await pushing;
        }

        // About as long as the push waited beyond the 1,000 ms threshold (the server's clock starts when the call
        // arrives, a little after ours): the pause grows from nothing at the threshold, without a step.
        Assert.InRange(pause, 1_400, PushPacing.MaxPauseMs);
        await writer.SettleAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("abc", writer.Doc);

        Task TypeAsync(string text) => writer.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, text));
    }

    [Fact]
    public async Task Four_people_typing_at_once_converge_and_every_marker_lands_exactly_once()
    {
        var storyId = await NewStoryAsync("Live test", sharedWith: "tom.becker@newsroom.test");
        var clients = new List<HubTextClient>();
        foreach (var (person, i) in People.Select((p, i) => (p, i)))
        {
            clients.Add(await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, person.Email, person.Password), storyId, "body", $"client-{i}"));
        }

        var markers = new List<string>();
        await Task.WhenAll(clients.Select((client, i) => TypeAsync(client, i, markers)));
        foreach (var client in clients)
        {
            await client.SettleAsync(TimeSpan.FromSeconds(30));
        }

        foreach (var client in clients)
        {
            await client.PullAsync();
        }

        await using var observer = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[2].Email, People[2].Password), storyId, "body", "observer");
        Assert.All(clients, c => Assert.Equal(observer.Doc, c.Doc));
        Assert.Equal(4 * 25, markers.Count);
        Assert.All(markers, marker => Assert.Equal(1, Count(observer.Doc, marker)));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    public static TheoryData<string> Traces() => [.. EditingTrace.Names];

    [Theory]
    [MemberData(nameof(Traces))]
    public async Task A_real_typing_history_replayed_through_the_hub_ends_in_its_final_text(string name)
    {
        var trace = EditingTrace.Load(name);
        var storyId = await NewStoryAsync($"Replay of {name}");
        await using var connection = await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password);
        await connection.StartAsync();
        var joined = await connection.InvokeAsync<JsonElement>("Join", storyId, "body");
        Assert.Equal((0, trace.StartContent), (joined.GetProperty("version").GetInt32(), joined.GetProperty("text").GetString()));

        // One editor typing alone: each push carries the next keystrokes, made against the version the last push reached.
        var version = 0;
        var length = trace.StartContent.Length;
        foreach (var batch in Batches(trace))
        {
            var updates = new List<object>(batch.Length);
            foreach (var (pos, deleted, inserted) in batch)
            {
                var change = ChangeSet.Replace(length, pos, pos + deleted, inserted);
                updates.Add(new { clientId = "replay", changes = change });
                length = change.NewLength;
            }

            version = (await connection.InvokeAsync<JsonElement>("Push", storyId, "body", version, updates)).GetProperty("version").GetInt32();
        }

        await using var reader = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[2].Email, People[2].Password), storyId, "body", "reader");
        Assert.Equal(trace.Patches.Count, reader.Version);
        Assert.Equal(trace.EndContent, reader.Doc);
    }

    // As the editor sends them: up to the count and size a push may carry.
    private static IEnumerable<(int Pos, int Deleted, string Inserted)[]> Batches(EditingTrace trace)
    {
        var batch = new List<(int, int, string)>();
        var inserted = 0;
        foreach (var patch in trace.Patches)
        {
            if (batch.Count == PushLimits.MaxUpdatesPerPush || inserted + patch.Inserted.Length > PushLimits.MaxInsertedPerPush)
            {
                yield return [.. batch];
                batch.Clear();
                inserted = 0;
            }

            batch.Add(patch);
            inserted += patch.Inserted.Length;
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    [Theory]
    [InlineData("\"not an array\"", "not ChangeSet.toJSON() output")]
    [InlineData("[[0, \"x\"], 999]", "expects a text of 999 characters")]
    [InlineData("[[0, \"\\ud800\"], {len}]", "not ChangeSet.toJSON() output")]
    [InlineData("[{len}, [0, \"\\udc00 low\"]]", "not ChangeSet.toJSON() output")]
    [InlineData("[[0, \"ok\"]]", "expects a text of 0 characters")]
    [InlineData("[[0, 5]]", "not ChangeSet.toJSON() output")]
    [InlineData("[-3]", "not a valid length")]
    public async Task A_malformed_push_is_refused_with_a_clear_message_and_the_text_stays_as_it_was(string changes, string message)
    {
        var storyId = await NewStoryAsync("Guarded", body: "نص أولي");
        await using var layla = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "layla");
        await using var raw = await Web.RawHubAsync(CollabHub.Path, People[0].Email, People[0].Password);
        var json = changes.Replace("{len}", layla.Doc.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var completion = await raw.InvokeRawAsync("Push", $"[\"{storyId}\", \"body\", 0, [{{\"clientId\": \"layla\", \"changes\": {json}}}]]");

        Assert.Contains(message, completion.GetProperty("error").GetString(), StringComparison.Ordinal);
        await layla.EditAsync(doc => ChangeSet.Replace(doc.Length, 0, 0, "عاجل: "));
        await layla.SettleAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("عاجل: نص أولي", layla.Doc);
        Assert.Equal(1, layla.Version);
        var stillUsable = await raw.InvokeRawAsync("Pull", $"[\"{storyId}\", \"body\", 0]");
        Assert.Equal(1, stillUsable.GetProperty("result").GetProperty("updates").GetArrayLength());
    }

    [Fact]
    public async Task Pushes_that_are_too_many_too_large_or_from_someone_off_the_story_are_refused()
    {
        var storyId = await NewStoryAsync("Guarded");
        await using var tom = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[1].Email, People[1].Password), storyId, "body", "tom");

        var notHis = await Assert.ThrowsAsync<HubException>(() => Push(tom, 0, new { clientId = "tom", changes = new object[] { new object[] { 0, "hello" } } }));
        await using var layla = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "layla");
        var tooMany = await Assert.ThrowsAsync<HubException>(() => Push(layla, 0,
            Enumerable.Range(0, PushLimits.MaxUpdatesPerPush + 1).Select(_ => (object)new { clientId = "layla", changes = new object[] { new object[] { 0, "x" } } }).ToArray()));
        var tooLarge = await Assert.ThrowsAsync<HubException>(() => Push(layla, 0,
            new { clientId = "layla", changes = new object[] { new object[] { 0, new string('x', PushLimits.MaxInsertedPerPush + 1) } } }));
        var badField = await Assert.ThrowsAsync<HubException>(() => layla.Connection.InvokeAsync<JsonElement>("Join", storyId, "caption"));
        var noStory = await Assert.ThrowsAsync<HubException>(() => layla.Connection.InvokeAsync<JsonElement>("Join", Guid.NewGuid(), "body"));

        Assert.EndsWith("Can't edit: you are not on this story's byline or assigned to it.", notHis.Message, StringComparison.Ordinal);
        Assert.Contains($"Push between 1 and {PushLimits.MaxUpdatesPerPush:N0} updates", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("at most 200,000 characters", tooLarge.Message, StringComparison.Ordinal);
        Assert.EndsWith("Field must be headline, standfirst or body.", badField.Message, StringComparison.Ordinal);
        Assert.Contains("was not found", noStory.Message, StringComparison.Ordinal);
        await layla.PullAsync();
        Assert.Equal((0, ""), (layla.Version, layla.Doc));
    }

    [Fact]
    public async Task A_published_story_cannot_be_typed_into()
    {
        var storyId = await NewStoryAsync("Done");
        using var layla = await Web.ClientForAsync(People[0].Email, People[0].Password);
        using var samira = await Web.EditorAsync();
        (await layla.PostAsync($"/api/stories/{storyId}/submit", null)).EnsureSuccessStatusCode();
        (await samira.PostAsync($"/api/stories/{storyId}/approve", null)).EnsureSuccessStatusCode();
        (await samira.PostAsync($"/api/stories/{storyId}/publish", null)).EnsureSuccessStatusCode();
        await using var client = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "layla");

        var refused = await Assert.ThrowsAsync<HubException>(() => Push(client, 0, new { clientId = "layla", changes = new object[] { new object[] { 0, "late" } } }));

        Assert.EndsWith("Can't edit: the story is published; an editor can publish a correction.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idle_live_text_is_written_back_to_the_story_as_a_revision()
    {
        var storyId = await NewStoryAsync("Saved live");
        await using var layla = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "layla");
        await layla.EditAsync(doc => ChangeSet.Replace(doc.Length, 0, 0, "اندلع حريق صباح اليوم."));
        await layla.SettleAsync(TimeSpan.FromSeconds(10));

        using var reader = await Web.ClientForAsync(People[0].Email, People[0].Password);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement story;
        do
        {
            await Task.Delay(500);
            story = await reader.GetFromJsonAsync<JsonElement>($"/api/stories/{storyId}");
        }
        while (story.GetProperty("body").GetString() != "اندلع حريق صباح اليوم." && DateTime.UtcNow < deadline);

        Assert.Equal("اندلع حريق صباح اليوم.", story.GetProperty("body").GetString());
        var revisions = await reader.GetFromJsonAsync<JsonElement[]>($"/api/stories/{storyId}/revisions");
        Assert.Equal("Written live by Layla Haddad", revisions![0].GetProperty("name").GetString());

        // Audited per saved revision: who wrote, up to which version of the live text.
        await using var db = Web.Database.CreateContext();
        var audited = await db.AuditLog.SingleAsync(a => a.StoryId == storyId && a.Command == "SaveLiveTexts");
        using var details = JsonDocument.Parse(audited.Details!);
        Assert.Equal(["Layla Haddad"], details.RootElement.GetProperty("writers").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(layla.Version, details.RootElement.GetProperty("liveVersion").GetInt32());
        Assert.Equal(revisions[0].GetProperty("number").GetInt32(), audited.RevisionNumber);
    }

    [Fact]
    public async Task A_workflow_step_right_after_typing_is_a_revision_of_the_live_text()
    {
        var storyId = await NewStoryAsync("Step", body: "قبل");
        await using var layla = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "layla");
        await layla.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, " وبعد"));
        await layla.SettleAsync(TimeSpan.FromSeconds(10));

        using var http = await Web.ClientForAsync(People[0].Email, People[0].Password);
        (await http.PostAsync($"/api/stories/{storyId}/submit", null)).EnsureSuccessStatusCode();

        var revisions = await http.GetFromJsonAsync<JsonElement[]>($"/api/stories/{storyId}/revisions");
        var submitted = revisions!.First(r => r.GetProperty("name").GetString() == "Submitted for review by Layla Haddad");
        var revision = await http.GetFromJsonAsync<JsonElement>($"/api/stories/{storyId}/revisions/{submitted.GetProperty("number").GetInt32()}");
        Assert.Equal("قبل وبعد", revision.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_comment_anchored_in_a_live_text_follows_its_words_as_people_type()
    {
        var storyId = await NewStoryAsync("Anchors", body: "اندلع حريق في الميناء");
        await using var layla = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "layla");
        using var samira = await Web.EditorAsync();
        var at = layla.Doc.IndexOf("حريق", StringComparison.Ordinal);
        (await samira.PostAsJsonAsync($"/api/stories/{storyId}/comments",
            new { body = "Which warehouse?", anchorField = "body", anchorFrom = at, anchorTo = at + 4 })).EnsureSuccessStatusCode();

        await layla.EditAsync(doc => ChangeSet.Replace(doc.Length, 0, 0, "عاجل: "));
        await layla.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.IndexOf("حريق", StringComparison.Ordinal), doc.IndexOf("حريق", StringComparison.Ordinal), "كبير "));
        await layla.SettleAsync(TimeSpan.FromSeconds(10));

        var thread = (await samira.GetFromJsonAsync<JsonElement[]>($"/api/stories/{storyId}/comments"))!.Single().GetProperty("comment");
        var (from, to) = (thread.GetProperty("anchorFrom").GetInt32(), thread.GetProperty("anchorTo").GetInt32());
        Assert.Equal("حريق", layla.Doc[from..to]);
    }

    [Fact]
    public async Task Nobody_can_push_under_another_persons_client_id()
    {
        var storyId = await NewStoryAsync("Ids");
        await using var layla = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "layla-editor");
        await layla.EditAsync(doc => ChangeSet.Replace(doc.Length, 0, 0, "ليلى"));
        await layla.SettleAsync(TimeSpan.FromSeconds(10));
        await using var samira = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[2].Email, People[2].Password), storyId, "body", "samira-editor");

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            samira.Connection.InvokeAsync<JsonElement>("Push", storyId, "body", samira.Version,
                new[] { new { clientId = "layla-editor", changes = new object[] { new object[] { 0, "x" }, samira.Doc.Length } } }));

        Assert.Contains("belongs to someone else's editor", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_a_revision_of_a_live_text_reaches_every_open_editor_and_stays()
    {
        var storyId = await NewStoryAsync("Restore", body: "الأصل");
        await using var layla = await HubTextClient.JoinAsync(await Web.HubAsync(CollabHub.Path, People[0].Email, People[0].Password), storyId, "body", "layla");
        await layla.EditAsync(doc => ChangeSet.Replace(doc.Length, 0, doc.Length, "نص خاطئ"));
        await layla.SettleAsync(TimeSpan.FromSeconds(10));

        using var samira = await Web.EditorAsync();
        (await samira.PostAsJsonAsync($"/api/stories/{storyId}/revisions/1/restore", new { reason = "The rewrite lost the quote." })).EnsureSuccessStatusCode();
        await layla.PullAsync();

        Assert.Equal("الأصل", layla.Doc);
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Equal("الأصل", (await samira.GetFromJsonAsync<JsonElement>($"/api/stories/{storyId}")).GetProperty("body").GetString());
    }

    private static Task<JsonElement> Push(HubTextClient client, int version, params object[] updates) =>
        client.Connection.InvokeAsync<JsonElement>("Push", client.StoryId, "body", version, updates);

    private static async Task TypeAsync(HubTextClient client, int index, List<string> markers)
    {
        var random = new Random(index + 7);
        for (var round = 0; round < 25; round++)
        {
            var marker = $"«{index}:{round}»";
            lock (markers)
            {
                markers.Add(marker);
            }

            await client.EditAsync(doc =>
            {
                var at = SafePosition(doc, random.Next(doc.Length + 1));
                return ChangeSet.Replace(doc.Length, at, at, Fillers[random.Next(Fillers.Length)] + marker);
            });
            if (random.Next(3) == 0)
            {
                await client.EditAsync(doc => DeleteFiller(doc, random));
            }

            if (random.Next(2) == 0)
            {
                await client.PushAsync();
            }

            await Task.Delay(random.Next(5));
        }
    }

    // Deletes over other people's text, but never through a marker (which must survive) or half a character.
    private static ChangeSet DeleteFiller(string doc, Random random)
    {
        var from = SafePosition(doc, random.Next(doc.Length + 1));
        var to = from;
        while (to < doc.Length && to - from < 4 && doc[to] is not ('«' or '»' or ':') && !char.IsDigit(doc[to]) && !char.IsSurrogate(doc[to]))
        {
            to++;
        }

        var inMarker = doc.LastIndexOf('«', Math.Max(0, from - 1)) > doc.LastIndexOf('»', Math.Max(0, from - 1));
        return inMarker || to == from ? ChangeSet.Empty(doc.Length) : ChangeSet.Replace(doc.Length, from, to, "");
    }

    private static int SafePosition(string doc, int pos)
    {
        var open = pos > 0 ? doc.LastIndexOf('«', pos - 1) : -1;
        var close = pos > 0 ? doc.LastIndexOf('»', pos - 1) : -1;
        if (open > close)
        {
            pos = open;
        }

        return pos > 0 && pos < doc.Length && char.IsLowSurrogate(doc[pos]) ? pos - 1 : pos;
    }

    private static int Count(string text, string marker)
    {
        var count = 0;
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<Guid> NewStoryAsync(string headline, string body = "", string? sharedWith = null)
    {
        using var layla = await Web.ClientForAsync(People[0].Email, People[0].Password);
        using var created = await layla.PostAsJsonAsync("/api/stories", new
        {
            slug = $"live-{Guid.NewGuid():N}",
            language = "ar",
            desk = "Local",
            headline,
            body,
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storyId").GetGuid();
        if (sharedWith is not null)
        {
            await using var db = Web.Database.CreateContext();
            var reporter = db.Users.Single(u => u.Email == sharedWith).Id;
            await Web.SendAsAsync("samira.nasser@newsroom.test", new Newsroom.Application.Features.Workflow.AssignStory.Command(id, [reporter], null));
        }

        return id;
    }
}
