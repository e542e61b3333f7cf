using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// One shared text as this instance holds it: the text now, every update accepted since its checkpoint, who may use
/// which client id, what is unsaved, and the pushes queued for its next commit. Touched only under <see cref="Gate"/>,
/// except <see cref="Enqueue"/>.
/// </summary>
public sealed class TextSession(Guid storyId, string field, int baseVersion, string baseText)
{
    private readonly List<Update> _updates = [];
    private readonly List<int> _lengths = [baseText.Length];
    private readonly HashSet<string> _authors = [];
    private readonly Dictionary<string, Guid> _clientOwners = [];
    private readonly Lock _queueGate = new();
    private List<PendingPush> _queue = [];

    public SemaphoreSlim Gate { get; } = new(1, 1);
    public Guid StoryId { get; } = storyId;
    public string Field { get; } = field;
    public int BaseVersion { get; private set; } = baseVersion;
    public int Version => BaseVersion + _updates.Count;
    public TextBuffer Text { get; } = new(baseText);
    public bool Dirty { get; private set; }
    public DateTimeOffset LastEditAt { get; private set; }
    public Guid LastAuthorId { get; private set; }

    /// <summary>The updates accepted after <paramref name="version"/>: a view of the history, not a copy (valid under the lock).</summary>
    public IReadOnlyList<Update> Since(int version) => new Tail(_updates, version - BaseVersion);

    public int LengthAt(int version) => _lengths[version - BaseVersion];

    public bool MayUse(string clientId, Guid userId) =>
        !_clientOwners.TryGetValue(clientId, out var owner) || owner == userId;

    public void Enqueue(PendingPush push)
    {
        lock (_queueGate)
        {
            _queue.Add(push);
        }
    }

    public List<PendingPush> TakeQueued()
    {
        lock (_queueGate)
        {
            var queued = _queue;
            _queue = [];
            return queued;
        }
    }

    /// <summary>Records committed updates, already applied to <see cref="Text"/>.</summary>
    public void Accept(IReadOnlyList<Update> updates, string? author, DateTimeOffset at, Guid authorId)
    {
        LastAuthorId = authorId;
        foreach (var update in updates)
        {
            _clientOwners.TryAdd(update.ClientId, authorId);
        }

        foreach (var update in updates)
        {
            _updates.Add(update);
            _lengths.Add(update.Changes.NewLength);
        }

        Dirty = true;
        LastEditAt = at;
        if (author is not null)
        {
            _authors.Add(author);
        }
    }

    /// <summary>
    /// Forgets the updates before <paramref name="version"/>: the log's checkpoint has moved past them (compaction),
    /// so a client that far behind opens the text afresh instead of pulling or pushing against them.
    /// </summary>
    public void TrimTo(int version)
    {
        if (version <= BaseVersion)
        {
            return;
        }

        var forgotten = Math.Min(version - BaseVersion, _updates.Count);
        _updates.RemoveRange(0, forgotten);
        _lengths.RemoveRange(0, forgotten);
        BaseVersion += forgotten;
    }

    public IReadOnlyCollection<string> Authors => _authors.Count > 0 ? [.. _authors] : ["a colleague"];

    public void MarkSaved(int savedVersion)
    {
        if (Version == savedVersion)
        {
            _authors.Clear();
            Dirty = false;
        }
    }

    private sealed class Tail(List<Update> all, int start) : IReadOnlyList<Update>
    {
        public int Count => all.Count - start;

        public Update this[int index] => all[start + index];

        public IEnumerator<Update> GetEnumerator()
        {
            for (var i = start; i < all.Count; i++)
            {
                yield return all[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
