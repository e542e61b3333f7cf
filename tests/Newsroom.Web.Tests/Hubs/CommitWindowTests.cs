using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Domain.Collab;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>
/// The commit window (ADR-025): a busy text commits, and broadcasts, one batch per window; an idle text commits at
/// once; a window of zero commits every batch as soon as it can. Over real SignalR connections and PostgreSQL.
/// </summary>
public sealed class CommitWindowTests(WebFixture web) : WebTest(web)
{
    private const string Email = "layla.haddad@newsroom.test";
    private const string Password = "Reporter-demo-1";

    [Fact]
    public async Task Many_people_pushing_at_once_into_one_text_land_in_fewer_broadcasts_than_pushes_and_converge()
    {
        var window = TimeSpan.FromMilliseconds(250);
        await using var app = WithWindow(window);
        var storyId = await NewStoryAsync();
        var token = await Web.LoginAsync(Email, Password);
        await using var observer = await ObserverAsync(app, token, storyId);
        var typists = new List<(HubTextClient Client, string Tag)>();
        for (var i = 0; i < 8; i++)
        {
            typists.Add((await HubTextClient.JoinAsync(TestHubs.Connect(app.Server, CollabHub.Path, token), storyId, "body", $"typist-{i}"), $"t{i}."));
        }

        const int PushesEach = 8;
        var started = Stopwatch.GetTimestamp();
        await HubTextClient.TypeAtOnceAsync(PushesEach, [.. typists]);
        var typing = Stopwatch.GetElapsedTime(started);
        foreach (var (client, _) in typists)
        {
            await client.SettleAsync(TimeSpan.FromSeconds(30));
            await client.PullAsync();
        }

        await using var late = await HubTextClient.JoinAsync(TestHubs.Connect(app.Server, CollabHub.Path, token), storyId, "body", "late");
        Assert.All(typists, t => Assert.Equal(late.Doc, t.Client.Doc));
        foreach (var (_, tag) in typists)
        {
            for (var i = 0; i < PushesEach; i++)
            {
                Assert.Equal(1, Count(late.Doc, $" [{tag}{i}]"));
            }
        }

        // Every push was committed and the observer saw them all, in fewer messages than pushes. Commits of the text
        // are at least a window apart, so about one per window while the typing lasted, except that a batch wholly
        // from the one client whose pushes made up the batch before is not held (one client pushing alone, ADR-025):
        // a typist left last, alone, goes at once. One more is allowed: the timer waits whole milliseconds, so eight
        // windows can add up to a hair under 2 s, and a push can join a lone client's batch as it is taken.
        var pushes = typists.Count * PushesEach;
        await observer.WaitForAsync(pushes);
        Assert.Equal(pushes, observer.Updates);
        Assert.InRange(observer.Broadcasts, 1, pushes / 2);
        var batches = observer.Batches;
        var held = batches.Where((batch, i) => i == 0 || !(batch.Count == 1 && batches[i - 1].SetEquals(batch))).Count();
        Assert.InRange(held, 1, Math.Min(pushes / 2, (int)(typing / window) + 2));
        foreach (var (client, _) in typists)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_push_on_an_idle_text_or_from_one_client_alone_is_not_held_but_one_joining_anothers_is()
    {
        var window = TimeSpan.FromSeconds(3);
        await using var app = WithWindow(window);
        var storyId = await NewStoryAsync();
        var token = await Web.LoginAsync(Email, Password);
        await using var a = await HubTextClient.JoinAsync(TestHubs.Connect(app.Server, CollabHub.Path, token), storyId, "body", "a");
        await using var b = await HubTextClient.JoinAsync(TestHubs.Connect(app.Server, CollabHub.Path, token), storyId, "body", "b");

        // The text has never committed: no wait.
        var first = await TimedPushAsync(a, "a");
        Assert.True(first < window / 2, $"the first push took {first.TotalMilliseconds} ms");

        // Someone else's push right after that commit waits for the rest of the window, to gather more.
        await b.PullAsync();
        var joining = await TimedPushAsync(b, "b");
        Assert.True(joining > window * 0.7, $"a second person's push right after a commit took {joining.TotalMilliseconds} ms");

        // Quiet for longer than the window: at once again; and one client pushing alone is never held.
        await Task.Delay(window + TimeSpan.FromMilliseconds(200));
        await a.PullAsync();
        var alone = await TimedPushAsync(a, "c");
        var again = await TimedPushAsync(a, "d");
        Assert.True(alone < window / 2, $"a push after a quiet spell took {alone.TotalMilliseconds} ms");
        Assert.True(again < window / 2, $"a lone client's push right after its own took {again.TotalMilliseconds} ms");
        await a.SettleAsync(TimeSpan.FromSeconds(10));
        await b.SettleAsync(TimeSpan.FromSeconds(10));
        await b.PullAsync();
        Assert.Equal("abcd", a.Doc);
        Assert.Equal(a.Doc, b.Doc);
    }

    [Fact]
    public async Task A_window_of_zero_commits_each_push_as_it_comes()
    {
        await using var app = WithWindow(TimeSpan.Zero);
        var storyId = await NewStoryAsync();
        var token = await Web.LoginAsync(Email, Password);
        await using var observer = await ObserverAsync(app, token, storyId);
        await using var a = await HubTextClient.JoinAsync(TestHubs.Connect(app.Server, CollabHub.Path, token), storyId, "body", "a");
        await using var b = await HubTextClient.JoinAsync(TestHubs.Connect(app.Server, CollabHub.Path, token), storyId, "body", "b");
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 10; i++)
        {
            // Two people taking turns: each push right after the other's commit.
            var writer = i % 2 == 0 ? a : b;
            await writer.PullAsync();
            var took = await TimedPushAsync(writer, $"{i}");
            slowest = took > slowest ? took : slowest;
        }

        await a.PullAsync();
        await b.PullAsync();
        Assert.Equal("0123456789", a.Doc);
        Assert.Equal(a.Doc, b.Doc);
        await observer.WaitForAsync(10);
        // A broadcast per push, none held back to gather more.
        Assert.Equal(10, observer.Updates);
        Assert.Equal(10, observer.Broadcasts);
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"the slowest push took {slowest.TotalMilliseconds} ms");
    }

    private WebApplicationFactory<Program> WithWindow(TimeSpan window) =>
        Web.Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.Configure<GroupCommit.Options>(options => options.CommitWindow = window)));

    private static async Task<TimeSpan> TimedPushAsync(HubTextClient writer, string text)
    {
        await writer.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, text));
        var started = Stopwatch.GetTimestamp();
        await writer.PushAsync();
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<Observer> ObserverAsync(WebApplicationFactory<Program> app, string token, Guid storyId)
    {
        var observer = new Observer(TestHubs.Connect(app.Server, CollabHub.Path, token));
        await observer.JoinAsync(storyId);
        return observer;
    }

    private static int Count(string text, string marker) =>
        (text.Length - text.Replace(marker, "", StringComparison.Ordinal).Length) / marker.Length;

    private Task<Guid> NewStoryAsync() => Web.NewStoryAsync(Email, Password, "Commit window");

    /// <summary>
    /// Someone in the text who only listens: how many broadcasts arrived, how many updates they carried, and whose
    /// (each broadcast's client ids, in the order they came).
    /// </summary>
    private sealed class Observer(HubConnection connection) : IAsyncDisposable
    {
        private readonly List<HashSet<string>> _batches = [];
        private int _updates;

        public int Broadcasts
        {
            get
            {
                lock (_batches)
                {
                    return _batches.Count;
                }
            }
        }

        public int Updates => Volatile.Read(ref _updates);

        public IReadOnlyList<HashSet<string>> Batches
        {
            get
            {
                lock (_batches)
                {
                    return [.. _batches];
                }
            }
        }

        public async Task JoinAsync(Guid storyId)
        {
            connection.On<Guid, string, int, JsonElement>(nameof(ICollabClient.Updates), (_, _, _, batch) =>
            {
                var updates = batch.GetProperty("updates");
                lock (_batches)
                {
                    _batches.Add([.. updates.EnumerateArray().Select(u => u.GetProperty("clientId").GetString()!)]);
                }

                Interlocked.Add(ref _updates, updates.GetArrayLength());
            });
            await connection.StartAsync();
            await connection.InvokeAsync<JsonElement>(nameof(CollabHub.Join), storyId, "body");
        }

        public async Task WaitForAsync(int updates)
        {
            for (var waited = 0; Updates < updates && waited < 10_000; waited += 20)
            {
                await Task.Delay(20);
            }
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
