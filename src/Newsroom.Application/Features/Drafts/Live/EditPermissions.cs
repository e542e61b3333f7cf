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
/// What the edit rule reads about a story for one person (its state, and whether they are on it), kept for a moment.
/// Every push checks it; with hundreds of people in one story that would otherwise be hundreds of queries a second.
/// A change to the story on any instance forgets it at once (<see cref="OnEveryInstance{T}"/> of
/// <see cref="StoryChanged"/>); were that news lost, it is seen within <see cref="MaxAge"/>. A push that slips through in that moment never reaches a published
/// story: saving live text skips published and spiked stories.
/// </summary>
public sealed class EditPermissions(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private const int Trim = 10_000;

    private readonly ConcurrentDictionary<(Guid StoryId, Guid UserId), (StoryState State, bool OnStory, DateTimeOffset At)> _known = new();

    public async Task<(StoryState State, bool OnStory)> GetAsync(Guid storyId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_known.TryGetValue((storyId, userId), out var known) && now - known.At < MaxAge)
        {
            return (known.State, known.OnStory);
        }

        // Only the columns the rule reads, never the body itself.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var story = await db.Stories.AsNoTracking()
            .Where(s => s.Id == storyId)
            .Select(s => new
            {
                s.State,
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

        _known[(storyId, userId)] = (story.State, story.OnStory, now);
        return (story.State, story.OnStory);
    }

    /// <summary>Refuses <paramref name="user"/> unless they may edit the story now (on it, or an editor; its state allows edits).</summary>
    public async Task EnsureMayEditAsync(Guid storyId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var me = user.Id!.Value;
        var (state, onStory) = await GetAsync(storyId, me, cancellationToken);
        var isEditor = Actor.From(me, user.Name, user.IsInRole).IsEditor;
        if (Story.CheckEditing(state, onStory || isEditor) is { } refusal)
        {
            throw new RefusedException(refusal);
        }
    }

    public void Forget(Guid storyId)
    {
        foreach (var key in _known.Keys.Where(k => k.StoryId == storyId).ToList())
        {
            _known.TryRemove(key, out _);
        }
    }

    public sealed class ForgetChangedStory(EditPermissions permissions) : INotificationHandler<OnEveryInstance<StoryChanged>>
    {
        public Task Handle(OnEveryInstance<StoryChanged> notification, CancellationToken cancellationToken)
        {
            permissions.Forget(notification.News.StoryId);
            return Task.CompletedTask;
        }
    }
}
