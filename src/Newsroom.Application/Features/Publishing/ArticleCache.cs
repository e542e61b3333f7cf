using MediatR;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Features.Users;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Publishing;

/// <summary>
/// Published articles as readers get them, kept in memory so a story going viral costs one query, not one per reader.
/// A change to any published (or just unpublished) story drops every cached article at once: "More from this author"
/// on other pages may name it, and publishing is rare next to reading, so the simple rule costs little.
/// </summary>
/// <remarks>With several app instances each keeps its own cache and each forgets at once: the change reaches every
/// instance (<see cref="OnEveryInstance{T}"/>), and one that may have missed some forgets everything
/// (<see cref="InstanceFeedResumed"/>). The lifetime only bounds memory.</remarks>
public sealed class ArticleCache(IMemoryCache cache) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private CancellationTokenSource _generation = new();

    public async Task<T> GetOrAddAsync<T>(string slug, Func<Task<T>> load)
    {
        var key = (typeof(ArticleCache), slug);
        if (cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        CancellationToken generation;
        lock (_gate)
        {
            generation = _generation.Token;
        }

        var value = await load();
        if (value is not null)
        {
            // Only articles that exist are kept: a crawler asking for every slug it can invent must not fill memory.
            cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }
                .AddExpirationToken(new CancellationChangeToken(generation)));
        }

        return value;
    }

    public void ForgetAll()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _generation;
            _generation = new CancellationTokenSource();
        }

        old.Cancel();
        old.Dispose();
    }

    public void Dispose() => _generation.Dispose();
}

/// <summary>Republishing, correcting, unpublishing or any change to a live story: readers get the new version next.</summary>
internal sealed class ForgetCachedArticles(ArticleCache cache)
    : INotificationHandler<OnEveryInstance<StoryChanged>>, INotificationHandler<OnEveryInstance<AuthorBioChanged>>,
        INotificationHandler<InstanceFeedResumed>
{
    private static readonly StoryState[] Public = [StoryState.Published, StoryState.Corrected, StoryState.Unpublished];

    public Task Handle(OnEveryInstance<StoryChanged> notification, CancellationToken cancellationToken)
    {
        var change = notification.News;
        if (Public.Contains(change.State) || change.FromState is { } from && Public.Contains(from))
        {
            cache.ForgetAll();
        }

        return Task.CompletedTask;
    }

    public Task Handle(OnEveryInstance<AuthorBioChanged> notification, CancellationToken cancellationToken)
    {
        cache.ForgetAll();
        return Task.CompletedTask;
    }

    public Task Handle(InstanceFeedResumed notification, CancellationToken cancellationToken)
    {
        cache.ForgetAll();
        return Task.CompletedTask;
    }
}
