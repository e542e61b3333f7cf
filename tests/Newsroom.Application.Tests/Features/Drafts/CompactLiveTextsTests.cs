using System.Security.Claims;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Comments;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.StoryStore;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;
using Xunit.Abstractions;

namespace Newsroom.Application.Tests.Features.Drafts;

/// <summary>Typing all day in many texts, with the timer's saves and compactions between bursts, as SystemTasks sends them.</summary>
public sealed class CompactLiveTextsTests(ApplicationFixture app, ITestOutputHelper output) : DatabaseTest(app)
{
    private const int Keep = 40;
    private const int Every = 20;
    private const string Field = LiveFields.Body;

    [Fact]
    public async Task A_day_of_typing_keeps_log_and_memory_bounded_comments_in_place_and_writers_on_record()
    {
        var limits = App.Services.GetRequiredService<IOptions<CompactLiveTexts.Options>>().Value;
        var defaults = (limits.KeepUpdates, limits.CompactEvery, limits.ForgetAfter);
        (limits.KeepUpdates, limits.CompactEvery, limits.ForgetAfter) = (Keep, Every, TimeSpan.FromDays(1));
        try
        {
            await TypeAllDayAsync();
        }
        finally
        {
            (limits.KeepUpdates, limits.CompactEvery, limits.ForgetAfter) = defaults;
        }
    }

    private async Task TypeAllDayAsync()
    {
        const int texts = 8, rounds = 6, pushesPerRound = 10, updatesPerPush = 10;
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var tom = await App.CreateUserAsync(Roles.Reporter, "Tom Becker");
        var live = App.Services.GetRequiredService<LiveTexts>();
        var sessions = App.Services.GetRequiredService<TextSessions>();
        var stories = new List<Guid>();
        for (var i = 0; i < texts; i++)
        {
            var story = await App.SendAsync(layla, new CreateStory.Command($"long-day-{i}", "en", "City", $"Story {i}", Body: "Hello world."));
            stories.Add(story.StoryId);
            await live.JoinAsync(story.StoryId, Field, CancellationToken.None);
        }

        // The fixture records every log line; dropped before each measure, so the figures are the live texts' own.
        App.Logs.Clear();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var comment = await App.SendAsync(layla, new AddComment.Command(stories[0], "Which world?", AnchorField: Field, AnchorFrom: 6, AnchorTo: 11));

        var expected = stories.ToDictionary(s => s, _ => "Hello world.");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var story in stories)
            {
                for (var push = 0; push < pushesPerRound; push++)
                {
                    var (writer, name) = push % 2 == 0 ? (layla.Id, layla.DisplayName) : (tom.Id, tom.DisplayName);
                    var (version, text) = await live.JoinAsync(story, Field, CancellationToken.None);
                    var updates = Enumerable.Range(0, updatesPerPush)
                        .Select(k => new Update($"{name[..3]}-{story:N}"[..20], ChangeSet.Replace(text.Length + 2 * k, 0, 0, "ab")))
                        .ToList();
                    await live.PushAsync(story, Field, version, updates, writer, name, ChangeSet.MaxDocumentLength, suggestOnly: false, CancellationToken.None);
                    expected[story] = string.Concat(Enumerable.Repeat("ab", updatesPerPush)) + expected[story];
                }
            }

            // The timer: idle texts saved, then compacted.
            await SendAsSystemAsync(new SaveLiveTexts.Command(TimeSpan.Zero));
            await SendAsSystemAsync(new CompactLiveTexts.Command());
        }

        var typed = rounds * pushesPerRound * updatesPerPush;
        await using var db = App.Database.CreateContext();
        foreach (var story in stories)
        {
            var (version, text) = await live.JoinAsync(story, Field, CancellationToken.None);
            Assert.Equal(typed, version);
            Assert.Equal(expected[story], text);
            var session = sessions.Find(story, Field)!;
            Assert.InRange(session.Version - session.BaseVersion, Keep, Keep + Every);
            var checkpoint = await db.LiveTexts.AsNoTracking().SingleAsync(t => t.StoryId == story && t.Field == Field);
            Assert.Equal(session.BaseVersion, checkpoint.BaseVersion);
            // Behind the checkpoint, one row per writer is all that stays.
            Assert.InRange(await db.LiveTextUpdates.CountAsync(u => u.StoryId == story), Keep, Keep + Every + 2);
        }

        var rows = await db.LiveTextUpdates.CountAsync();
        App.Logs.Clear();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"{texts} texts, {typed} updates each ({texts * typed} in all): {rows} log rows remain, {sessions.Held.Count} texts in memory " +
                         $"holding at most {Keep + Every} updates each; managed heap {heapBefore / 1024} KB before, {heapAfter / 1024} KB after");

        // The comment still marks "world", wherever the typing before it has pushed it.
        var thread = Assert.Single(await App.SendAsync(layla, new ListComments.Query(stories[0])));
        Assert.Equal(comment.CommentId, thread.Comment.Id);
        Assert.Equal("world", expected[stories[0]][thread.Comment.AnchorFrom!.Value..thread.Comment.AnchorTo!.Value]);

        // Who wrote the text is still on record: neither of them may approve it.
        var writers = await App.Services.GetRequiredService<ILiveTracking>().ReadAsync(db, stories[0], CancellationToken.None);
        var context = await StoryTransaction.ContextAsync(db, stories[0], DateTimeOffset.UtcNow, writers, CancellationToken.None);
        Assert.Equal(new[] { layla.Id, tom.Id }.Order(), context.LiveWriters!.Order());

        // A client from before the checkpoint cannot be served from the log any more: it opens the text afresh.
        var tooOld = await Assert.ThrowsAsync<RefusedException>(() => live.PullAsync(stories[0], Field, 0, CancellationToken.None));
        Assert.Equal("push.version-too-old", tooOld.Refusal.Code);

        // Idle and saved, the texts leave memory; the next request opens each again from its checkpoint and log.
        App.Services.GetRequiredService<IOptions<CompactLiveTexts.Options>>().Value.ForgetAfter = TimeSpan.Zero;
        Assert.Equal(texts, await SendAsSystemAsync(new CompactLiveTexts.Command()));
        // Only this test's texts: another test may leave a text it never saved in the fixture's memory.
        Assert.DoesNotContain(sessions.Held, session => stories.Contains(session.StoryId));
        App.Logs.Clear();
        output.WriteLine($"with every text let go of: managed heap {GC.GetTotalMemory(forceFullCollection: true) / 1024} KB");
        foreach (var story in stories)
        {
            Assert.Equal((typed, expected[story]), await live.JoinAsync(story, Field, CancellationToken.None));
        }
    }

    private async Task<int> SendAsSystemAsync(IRequest<int> command)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Guid.Empty.ToString()), new Claim(ClaimTypes.Role, Roles.System)], "system"));
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}
