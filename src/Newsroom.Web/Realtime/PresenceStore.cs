using System.Collections.Concurrent;

namespace Newsroom.Web.Realtime;

/// <summary>One connection in one field of a story, until <paramref name="ExpiresAt"/> unless its instance renews it.</summary>
public sealed record PresenceEntry(string Field, string ConnectionId, Collaborator Who, DateTimeOffset ExpiresAt);

/// <summary>
/// Where presence is kept so that every instance reads the same: entries expire unless the instance holding the
/// connection renews them, so the people of an instance that died vanish by themselves (ADR-019).
/// </summary>
public interface IPresenceStore
{
    Task PutAsync(Guid storyId, IReadOnlyList<PresenceEntry> entries);

    Task RemoveAsync(Guid storyId, string field, string connectionId);

    /// <summary>Everyone in any field of the story whose entry has not expired at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<PresenceEntry>> ReadAsync(Guid storyId, DateTimeOffset now);

    /// <summary>The stories that may have people in them (some entries may have expired).</summary>
    Task<IReadOnlyList<Guid>> StoriesAsync();
}

/// <summary>One instance alone: presence in its own memory.</summary>
internal sealed class InMemoryPresenceStore : IPresenceStore
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<(string Field, string ConnectionId), PresenceEntry>> _stories = new();

    public Task PutAsync(Guid storyId, IReadOnlyList<PresenceEntry> entries)
    {
        var story = _stories.GetOrAdd(storyId, _ => new());
        foreach (var entry in entries)
        {
            story[(entry.Field, entry.ConnectionId)] = entry;
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(Guid storyId, string field, string connectionId)
    {
        if (_stories.TryGetValue(storyId, out var story))
        {
            story.TryRemove((field, connectionId), out _);
            if (story.IsEmpty)
            {
                // Only if still this empty entry, so a join racing in is never lost.
                _stories.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<(string, string), PresenceEntry>>(storyId, story));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PresenceEntry>> ReadAsync(Guid storyId, DateTimeOffset now) =>
        Task.FromResult<IReadOnlyList<PresenceEntry>>(_stories.TryGetValue(storyId, out var story)
            ? story.Values.Where(e => e.ExpiresAt > now).ToList()
            : []);

    public Task<IReadOnlyList<Guid>> StoriesAsync() => Task.FromResult<IReadOnlyList<Guid>>(_stories.Keys.ToList());
}
