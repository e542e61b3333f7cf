using System.Collections.Concurrent;

namespace Newsroom.Application.Collab;

/// <summary>The texts this instance holds in memory, each opened from the update log on first use.</summary>
public sealed class TextSessions(UpdateLog log, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid StoryId, string Field), TextSession> _sessions = new();
    private readonly ConcurrentDictionary<(Guid StoryId, string Field), DateTimeOffset> _lastUsed = new();

    public async Task<TextSession> GetAsync(Guid storyId, string field, CancellationToken cancellationToken)
    {
        _lastUsed[(storyId, field)] = clock.GetUtcNow();
        if (_sessions.TryGetValue((storyId, field), out var existing))
        {
            return existing;
        }

        var opened = await log.OpenAsync(storyId, field, cancellationToken);
        return _sessions.GetOrAdd((storyId, field), opened);
    }

    /// <summary>The text if this instance holds it; null if nobody here has opened it.</summary>
    public TextSession? Find(Guid storyId, string field) => _sessions.GetValueOrDefault((storyId, field));

    /// <summary>Every text this instance holds now.</summary>
    public IReadOnlyList<TextSession> Held => [.. _sessions.Values];

    /// <summary>
    /// Lets go of <paramref name="session"/> if it is saved and nobody has asked for it for <paramref name="idle"/>;
    /// the next request opens it again from the log. True if it went.
    /// </summary>
    /// <remarks>
    /// Taken only with its lock free. A request that fetched it a moment before and waits for the lock goes on with
    /// this copy, as with a second instance: the log still sequences it, and the next copy catches up from the log.
    /// </remarks>
    public bool TryForget(TextSession session, TimeSpan idle)
    {
        var key = (session.StoryId, session.Field);
        if (session.Dirty || clock.GetUtcNow() - _lastUsed.GetValueOrDefault(key) < idle || !session.Gate.Wait(0))
        {
            return false;
        }

        try
        {
            if (session.Dirty || !_sessions.TryRemove(KeyValuePair.Create(key, session)))
            {
                return false;
            }

            _lastUsed.TryRemove(key, out _);
            return true;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Texts with edits not yet written to their story, idle for at least <paramref name="idle"/>.</summary>
    public IReadOnlyList<(Guid StoryId, string Field)> IdleDirty(TimeSpan idle)
    {
        var now = clock.GetUtcNow();
        return _sessions.Values.Where(s => s.Dirty && now - s.LastEditAt >= idle).Select(s => (s.StoryId, s.Field)).ToList();
    }
}
