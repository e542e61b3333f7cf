using System.Collections.Concurrent;

namespace Newsroom.Web.Realtime;

/// <summary>
/// Someone in a shared text: who, in which colour, where their selection is, and whether this text has their focus
/// (a page joins every field of a story at once; a caret shows only where the person is typing).
/// </summary>
public sealed record Collaborator(Guid UserId, string DisplayName, string Color, int Anchor, int Head, bool Focused = false);

/// <summary>
/// Who is in which text on this instance, by connection. Cursors are fleeting, so they live in memory only.
/// </summary>
public sealed class PresenceRegistry
{
    // Distinct at a glance and readable on white; a person keeps their colour in every story.
    private static readonly string[] Palette =
        ["#c2185b", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#4e342e"];

    private readonly ConcurrentDictionary<(Guid StoryId, string Field), ConcurrentDictionary<string, Collaborator>> _texts = new();

    /// <summary>Someone came into or left a text: the board shows who is in which story.</summary>
    public event Action? Changed;

    /// <summary>Everyone in any field of a story on this instance, each once.</summary>
    public IReadOnlyList<Collaborator> PeopleIn(Guid storyId) =>
        _texts.Where(t => t.Key.StoryId == storyId)
            .SelectMany(t => t.Value.Values)
            .DistinctBy(c => c.UserId)
            .OrderBy(c => c.DisplayName, StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<Collaborator> Join(Guid storyId, string field, string connectionId, Guid userId, string name)
    {
        var people = _texts.GetOrAdd((storyId, field), _ => new());
        people[connectionId] = new Collaborator(userId, name, ColorOf(userId), 0, 0);
        Changed?.Invoke();
        return Snapshot(people);
    }

    public IReadOnlyList<Collaborator>? Move(Guid storyId, string field, string connectionId, int anchor, int head)
    {
        if (!_texts.TryGetValue((storyId, field), out var people) || !people.TryGetValue(connectionId, out var person))
        {
            return null;
        }

        people[connectionId] = person with { Anchor = Math.Max(0, anchor), Head = Math.Max(0, head), Focused = true };
        return Snapshot(people);
    }

    /// <summary>The person's focus left this text: their caret is no longer shown in it.</summary>
    public IReadOnlyList<Collaborator>? Blur(Guid storyId, string field, string connectionId)
    {
        if (!_texts.TryGetValue((storyId, field), out var people) || !people.TryGetValue(connectionId, out var person)
            || !person.Focused)
        {
            return null;
        }

        people[connectionId] = person with { Focused = false };
        return Snapshot(people);
    }

    public IReadOnlyList<Collaborator>? Leave(Guid storyId, string field, string connectionId)
    {
        if (!_texts.TryGetValue((storyId, field), out var people) || !people.TryRemove(connectionId, out _))
        {
            return null;
        }

        ForgetIfEmpty((storyId, field), people);
        Changed?.Invoke();
        return Snapshot(people);
    }

    public IEnumerable<(Guid StoryId, string Field, IReadOnlyList<Collaborator> Collaborators)> LeaveAll(string connectionId)
    {
        foreach (var ((storyId, field), people) in _texts)
        {
            if (people.TryRemove(connectionId, out _))
            {
                ForgetIfEmpty((storyId, field), people);
                Changed?.Invoke();
                yield return (storyId, field, Snapshot(people));
            }
        }
    }

    // Only removes the text's entry if it is still this (empty) one, so a join racing in is never lost.
    private void ForgetIfEmpty((Guid, string) key, ConcurrentDictionary<string, Collaborator> people)
    {
        if (people.IsEmpty)
        {
            _texts.TryRemove(new KeyValuePair<(Guid, string), ConcurrentDictionary<string, Collaborator>>(key, people));
        }
    }

    private static string ColorOf(Guid userId) => Palette[(int)((uint)userId.GetHashCode() % Palette.Length)];

    private static List<Collaborator> Snapshot(ConcurrentDictionary<string, Collaborator> people) =>
        people.Values.OrderBy(p => p.DisplayName, StringComparer.Ordinal).ToList();
}
