using System.Collections.Concurrent;

namespace Newsroom.Application.Collab;

/// <summary>The texts this instance holds in memory, each opened from the update log on first use.</summary>
public sealed class TextSessions(UpdateLog log, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid StoryId, string Field), TextSession> _sessions = new();

    public async Task<TextSession> GetAsync(Guid storyId, string field, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue((storyId, field), out var existing))
        {
            return existing;
        }

        var opened = await log.OpenAsync(storyId, field, cancellationToken);
        return _sessions.GetOrAdd((storyId, field), opened);
    }

    /// <summary>The text if this instance holds it; null if nobody here has opened it.</summary>
    public TextSession? Find(Guid storyId, string field) => _sessions.GetValueOrDefault((storyId, field));

    /// <summary>Texts with edits not yet written to their story, idle for at least <paramref name="idle"/>.</summary>
    public IReadOnlyList<(Guid StoryId, string Field)> IdleDirty(TimeSpan idle)
    {
        var now = clock.GetUtcNow();
        return _sessions.Values.Where(s => s.Dirty && now - s.LastEditAt >= idle).Select(s => (s.StoryId, s.Field)).ToList();
    }
}
