using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Tests.Collab;

/// <summary>
/// A text has one committer at a time, started by the push that finds none and stepping down when nothing is queued
/// (ADR-042): pushes that arrive as it steps down, or as it commits, are all committed, each once, in the order the
/// log gives them, and none waits for a committer that is no longer there.
/// </summary>
public sealed class TextCommitterTests(ApplicationFixture app) : DatabaseTest(app)
{
    private const string Field = LiveFields.Body;
    private const int Writers = 24;
    private const int PushesEach = 30;

    [Fact]
    public async Task Writers_pushing_at_once_and_in_trickles_are_all_committed_once()
    {
        var (layla, storyId, live, start) = await EmptyTextAsync("committer");

        // Each writer pushes one "x" at a time at the end of the text as it read it, rebased over the others' there.
        // The pauses vary from none (pushes queue while a batch commits) to longer than a commit (a push comes alone,
        // as the committer steps down or after it has), so every way a push can meet the committer comes up many times.
        var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
        {
            var random = new Random(writer);
            var seen = new List<int>();
            for (var i = 0; i < PushesEach; i++)
            {
                var (version, text) = await live.JoinAsync(storyId, Field, CancellationToken.None);
                seen.Add(await Push(live, storyId, layla, version, $"writer-{writer}", ChangeSet.Replace(text.Length, 0, 0, "x"))
                    .WaitAsync(TimeSpan.FromSeconds(30)));
                await Task.Delay(random.Next(20));
            }

            return seen;
        }));

        // And one push alone on a quiet text, as the last keystroke of the day is.
        var (version, text) = await live.JoinAsync(storyId, Field, CancellationToken.None);
        var last = await Push(live, storyId, layla, version, "writer-last", ChangeSet.Replace(text.Length, 0, 0, "x"))
            .WaitAsync(TimeSpan.FromSeconds(30));

        var (end, final) = await live.JoinAsync(storyId, Field, CancellationToken.None);
        Assert.Equal(start + (Writers * PushesEach) + 1, end);
        Assert.Equal(end, last);
        Assert.Equal((Writers * PushesEach) + 1, final.Length);
        Assert.All(final, c => Assert.Equal('x', c));
        // Each answer is the version with that push in it: a writer's rise, and no two pushes got the same one.
        Assert.All(answers, seen => Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First < pair.Second)));
        Assert.Equal(Writers * PushesEach, answers.SelectMany(seen => seen).Distinct().Count());
    }

    [Fact]
    public async Task A_pusher_that_leaves_while_its_committer_waits_leaves_the_batch_committed()
    {
        var (layla, storyId, live, start) = await EmptyTextAsync("committer-leaves");

        // The text's lock is held (as a long commit or a catch-up holds it), so the first push's committer waits for it.
        var session = await App.Services.GetRequiredService<TextSessions>().GetAsync(storyId, Field, CancellationToken.None);
        await session.Gate.WaitAsync();
        Task<int> leaving;
        var others = new List<Task<int>>();
        try
        {
            // The push that starts the committer comes from a caller that leaves (a closed tab) before the lock is free;
            // ten more come in behind it from callers that stay.
            using var leaves = new CancellationTokenSource();
            leaving = Push(live, storyId, layla, start, "leaves", ChangeSet.Replace(0, 0, 0, "L"), leaves.Token);
            await leaves.CancelAsync();
            for (var i = 0; i < 10; i++)
            {
                others.Add(Push(live, storyId, layla, start, $"stays-{i}", ChangeSet.Replace(0, 0, 0, "x")));
            }

            await Task.Delay(100);
        }
        finally
        {
            session.Gate.Release();
        }

        // Everyone's push is committed, each once, the leaving caller's too: its commit was never its own to cancel.
        var versions = await Task.WhenAll(others.Prepend(leaving)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(11, versions.Distinct().Count());
        var (end, text) = await live.JoinAsync(storyId, Field, CancellationToken.None);
        Assert.Equal(start + 11, end);
        Assert.Equal(1, text.Count(c => c == 'L'));
        Assert.Equal(10, text.Count(c => c == 'x'));
    }

    private async Task<(TestUser Layla, Guid StoryId, LiveTexts Live, int Start)> EmptyTextAsync(string slug)
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var storyId = (await App.SendAsync(layla, new CreateStory.Command(slug, "en", "City", "Harbour road", Body: ""))).StoryId;
        var live = App.Services.GetRequiredService<LiveTexts>();
        var (start, _) = await live.JoinAsync(storyId, Field, CancellationToken.None);
        return (layla, storyId, live, start);
    }

    private static Task<int> Push(
        LiveTexts live, Guid storyId, TestUser by, int version, string clientId, ChangeSet change, CancellationToken cancellationToken = default) =>
        live.PushAsync(storyId, Field, version, [new Update(clientId, change)], by.Id, by.DisplayName, 100_000, suggestOnly: false, cancellationToken);
}
