using System.Collections.Concurrent;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>
/// What the edit rule reads about a story for one person (its state, whether they are on it, and whether its edits are
/// suggestions now: <see cref="SuggestOnly"/>), kept for a moment.
/// Every push checks it; with hundreds of people in one story that would otherwise be hundreds of queries a second.
/// A change to the story on any instance forgets it at once (<see cref="OnEveryInstance{T}"/> of
/// <see cref="StoryChanged"/>), and everything is forgotten when the feed between instances comes back after an
/// outage (<see cref="InstanceFeedResumed"/>); news lost meanwhile is seen within <see cref="MaxAge"/>. A push that
/// slips through in that moment never reaches a published story: saving live text skips published and spiked stories.
/// </summary>
/// <remarks>
/// <see cref="MaxAge"/> was one second, which re-read the story for every person in it every second: with 1,000
/// people typing that query was a sixth of the server's CPU (ADR-025's addendum). Since every change forgets at once,
/// the age only bounds how long a change lost between instances can go unseen.
/// </remarks>
public sealed class EditPermissions(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private const int Trim = 10_000;

    private readonly ConcurrentDictionary<(Guid StoryId, Guid UserId), (EditFacts Facts, DateTimeOffset At)> _known = new();

    public async Task<EditFacts> GetAsync(Guid storyId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_known.TryGetValue((storyId, userId), out var known) && now - known.At < MaxAge)
        {
            return known.Facts;
        }

        // Only the columns the rule reads, never the body itself.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var story = await db.Stories.AsNoTracking()
            .Where(s => s.Id == storyId)
            .Select(s => new
            {
                s.State,
                s.SuggestOnlyInReview,
                OnStory = s.Bylines.Any(b => b.UserId == userId) || s.AssignedReporterIds.Contains(userId) || s.ReviewerId == userId,
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new RefusedException(Refusal.NotFound("not-found.story", storyId));
        if (_known.Count > Trim)
        {
            foreach (var stale in _known.Where(k => now - k.Value.At >= MaxAge).Select(k => k.Key).ToList())
            {
                _known.TryRemove(stale, out _);
            }
        }

        var facts = new EditFacts(story.State, story.OnStory, SuggestOnly.Applies(story.State, story.SuggestOnlyInReview));
        _known[(storyId, userId)] = (facts, now);
        return facts;
    }

    /// <summary>
    /// Refuses <paramref name="user"/> unless they may edit the story now (on it, or an editor; its state allows edits);
    /// otherwise says whether their edits are suggestions now.
    /// </summary>
    public async Task<bool> EnsureMayEditAsync(Guid storyId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var me = user.Id!.Value;
        var facts = await GetAsync(storyId, me, cancellationToken);
        var isEditor = Actor.From(me, user.Name, user.IsInRole).IsEditor;
        if (Story.CheckEditing(facts.State, facts.OnStory || isEditor) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        return facts.SuggestOnly;
    }

    public void Forget(Guid storyId)
    {
        foreach (var key in _known.Keys.Where(k => k.StoryId == storyId).ToList())
        {
            _known.TryRemove(key, out _);
        }
    }

    /// <summary>Everything kept: news may have been lost (<see cref="InstanceFeedResumed"/>).</summary>
    public void ForgetAll() => _known.Clear();

    public sealed class ForgetChangedStory(EditPermissions permissions)
        : INotificationHandler<OnEveryInstance<StoryChanged>>, INotificationHandler<InstanceFeedResumed>
    {
        public Task Handle(OnEveryInstance<StoryChanged> notification, CancellationToken cancellationToken)
        {
            permissions.Forget(notification.News.StoryId);
            return Task.CompletedTask;
        }

        public Task Handle(InstanceFeedResumed notification, CancellationToken cancellationToken)
        {
            permissions.ForgetAll();
            return Task.CompletedTask;
        }
    }
}

/// <summary>What the edit rule knows of a story for one person.</summary>
public readonly record struct EditFacts(StoryState State, bool OnStory, bool SuggestOnly);
