using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Newsroom.Application.Common.Instances;

namespace Newsroom.Web.Realtime;

/// <summary>
/// Someone in a shared text: who, in which colour, where their selection is, and whether this text has their focus
/// (a page joins every field of a story at once; a caret shows only where the person is typing).
/// </summary>
public sealed record Collaborator(Guid UserId, string DisplayName, string Color, int Anchor, int Head, bool Focused = false);

/// <summary>Who is in a story changed on some instance: the others read it again (the board shows it).</summary>
public sealed record PresenceChanged(Guid StoryId) : IInstanceNews;

/// <summary>
/// Who is in which text, on every instance (ADR-019). This instance's own connections are kept here and written
/// to the shared <see cref="IPresenceStore"/> with an expiry that <see cref="RenewAsync"/> pushes forward; lists of
/// people are always read back from the store, so a caret sent from one instance carries the people of all.
/// </summary>
public sealed class PresenceRegistry(IPresenceStore store, IOtherInstances others, TimeProvider clock, IOptions<PresenceRegistry.Options> options)
{
    // Distinct at a glance and readable on white; a person keeps their colour in every story.
    private static readonly string[] Palette =
        ["#c2185b", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#4e342e"];

    // This instance's connections and the texts each is in.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(Guid StoryId, string Field), Collaborator>> _mine = new();

    // The last reading of each story with people in it, for the board (which renders without waiting for Redis).
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<PresenceEntry>> _seen = new();

    /// <summary>Someone came into or left a story on any instance: the board shows who is in which story.</summary>
    public event Action? Changed;

    /// <summary>How long an entry outlives its instance's last renewal.</summary>
    public TimeSpan Expiry => options.Value.Expiry;

    /// <summary>Everyone in any field of a story, each once (as last read).</summary>
    public IReadOnlyList<Collaborator> PeopleIn(Guid storyId) =>
        _seen.TryGetValue(storyId, out var entries)
            ? entries.Select(e => e.Who).DistinctBy(c => c.UserId).OrderBy(c => c.DisplayName, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>This instance's connections in a text.</summary>
    public IReadOnlyList<string> ConnectionsIn(Guid storyId, string field) =>
        [.. _mine.Where(connection => connection.Value.ContainsKey((storyId, field))).Select(connection => connection.Key)];

    public async Task<IReadOnlyList<Collaborator>> JoinAsync(Guid storyId, string field, string connectionId, Guid userId, string name)
    {
        var who = new Collaborator(userId, name, ColorOf(userId), 0, 0);
        _mine.GetOrAdd(connectionId, _ => new())[(storyId, field)] = who;
        await store.PutAsync(storyId, [Entry(field, connectionId, who)]);
        return await ReadAsync(storyId, field, announce: true);
    }

    public Task<IReadOnlyList<Collaborator>?> MoveAsync(Guid storyId, string field, string connectionId, int anchor, int head) =>
        UpdateAsync(storyId, field, connectionId, person => person with { Anchor = Math.Max(0, anchor), Head = Math.Max(0, head), Focused = true });

    /// <summary>The person's focus left this text: their caret is no longer shown in it.</summary>
    public Task<IReadOnlyList<Collaborator>?> BlurAsync(Guid storyId, string field, string connectionId) =>
        UpdateAsync(storyId, field, connectionId, person => person.Focused ? person with { Focused = false } : null);

    public async Task<IReadOnlyList<Collaborator>?> LeaveAsync(Guid storyId, string field, string connectionId)
    {
        if (!_mine.TryGetValue(connectionId, out var texts) || !texts.TryRemove((storyId, field), out _))
        {
            return null;
        }

        await store.RemoveAsync(storyId, field, connectionId);
        return await ReadAsync(storyId, field, announce: true);
    }

    public async Task<IReadOnlyList<(Guid StoryId, string Field, IReadOnlyList<Collaborator> Collaborators)>> LeaveAllAsync(string connectionId)
    {
        if (!_mine.TryRemove(connectionId, out var texts))
        {
            return [];
        }

        var left = new List<(Guid, string, IReadOnlyList<Collaborator>)>();
        foreach (var (storyId, field) in texts.Keys)
        {
            await store.RemoveAsync(storyId, field, connectionId);
            left.Add((storyId, field, await ReadAsync(storyId, field, announce: true)));
        }

        return left;
    }

    /// <summary>Another instance says who is in the story changed.</summary>
    public async Task RefreshAsync(Guid storyId)
    {
        Remember(storyId, await store.ReadAsync(storyId, clock.GetUtcNow()));
        Changed?.Invoke();
    }

    /// <summary>
    /// Renews this instance's entries, then reads again every story anyone is in. Returns the texts whose people
    /// changed without a word, so they can be told: someone's instance died, the news of their coming or leaving was
    /// lost, or Redis came back empty after an outage and their entries return as each instance renews them.
    /// </summary>
    public async Task<IReadOnlyList<(Guid StoryId, string Field, IReadOnlyList<Collaborator> Collaborators)>> RenewAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var story in _mine
            .SelectMany(connection => connection.Value.Select(text => (text.Key.StoryId, Entry: new PresenceEntry(
                text.Key.Field, connection.Key, text.Value, now + Expiry))))
            .GroupBy(e => e.StoryId))
        {
            await store.PutAsync(story.Key, story.Select(e => e.Entry).ToList());
        }

        var moved = new List<(Guid, string, IReadOnlyList<Collaborator>)>();
        var changed = false;
        foreach (var storyId in _seen.Keys.Union(await store.StoriesAsync()).ToList())
        {
            var before = _seen.GetValueOrDefault(storyId) ?? [];
            var after = await store.ReadAsync(storyId, now);
            Remember(storyId, after);
            changed |= before.Count != after.Count;
            foreach (var field in before.Where(b => !after.Any(a => a.Field == b.Field && a.ConnectionId == b.ConnectionId))
                .Concat(after.Where(a => !before.Any(b => b.Field == a.Field && b.ConnectionId == a.ConnectionId)))
                .Select(e => e.Field).Distinct())
            {
                moved.Add((storyId, field, InField(after, field)));
            }
        }

        if (changed)
        {
            Changed?.Invoke();
        }

        return moved;
    }

    private async Task<IReadOnlyList<Collaborator>?> UpdateAsync(
        Guid storyId, string field, string connectionId, Func<Collaborator, Collaborator?> change)
    {
        if (!_mine.TryGetValue(connectionId, out var texts) || !texts.TryGetValue((storyId, field), out var person)
            || change(person) is not { } changed)
        {
            return null;
        }

        texts[(storyId, field)] = changed;
        await store.PutAsync(storyId, [Entry(field, connectionId, changed)]);
        // Read back rather than answer from memory: the others' carets may have moved on another instance.
        return await ReadAsync(storyId, field, announce: false);
    }

    private async Task<IReadOnlyList<Collaborator>> ReadAsync(Guid storyId, string field, bool announce)
    {
        var entries = await store.ReadAsync(storyId, clock.GetUtcNow());
        Remember(storyId, entries);
        if (announce)
        {
            Changed?.Invoke();
            await others.TellAsync(new PresenceChanged(storyId), CancellationToken.None);
        }

        return InField(entries, field);
    }

    private void Remember(Guid storyId, IReadOnlyList<PresenceEntry> entries)
    {
        if (entries.Count == 0)
        {
            _seen.TryRemove(storyId, out _);
        }
        else
        {
            _seen[storyId] = entries;
        }
    }

    private PresenceEntry Entry(string field, string connectionId, Collaborator who) =>
        new(field, connectionId, who, clock.GetUtcNow() + Expiry);

    private static List<Collaborator> InField(IReadOnlyList<PresenceEntry> entries, string field) =>
        entries.Where(e => e.Field == field).Select(e => e.Who).OrderBy(p => p.DisplayName, StringComparer.Ordinal).ToList();

    private static string ColorOf(Guid userId) => Palette[(int)((uint)userId.GetHashCode() % Palette.Length)];

    public sealed class Options
    {
        /// <summary>People vanish this long after their instance stops renewing them (it died); renewed every third of it.</summary>
        public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(30);
    }
}
