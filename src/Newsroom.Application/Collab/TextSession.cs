using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// One shared text as this instance holds it: the text now with its suggestions and authorship, every update accepted
/// since its checkpoint, who may use which client id, what is unsaved, and the pushes queued for its next commit.
/// Touched only under <see cref="Gate"/>, except its queue (<see cref="Enqueue"/>, <see cref="StepDownIfIdle"/>).
/// </summary>
public sealed class TextSession
{
    private readonly List<Update> _updates = [];
    private readonly List<int> _lengths;
    private readonly HashSet<string> _authors = [];
    private readonly Dictionary<string, Guid> _clientOwners = [];
    private readonly Lock _queueGate = new();
    private List<PendingPush> _queue = [];
    private bool _committing;

    /// <summary>The text at its checkpoint: with no stored suggestions and authorship, all of it is <c>firstAuthor</c>'s, unmarked.</summary>
    public TextSession(Guid storyId, string field, int baseVersion, string baseText, TrackedTextState? tracked = null, string firstAuthor = "")
    {
        StoryId = storyId;
        Field = field;
        BaseVersion = baseVersion;
        Text = new TextBuffer(baseText);
        Tracked = TrackedText.Over(Text, tracked, firstAuthor);
        _lengths = [baseText.Length];
    }

    public SemaphoreSlim Gate { get; } = new(1, 1);
    public Guid StoryId { get; }
    public string Field { get; }
    public int BaseVersion { get; private set; }
    public int Version => BaseVersion + _updates.Count;
    public TextBuffer Text { get; }

    /// <summary>
    /// The text's suggestions and authorship, over <see cref="Text"/> itself (no second copy of the characters), moved
    /// by every accepted update in log order, as every client moves its own from the same updates.
    /// </summary>
    public TrackedText Tracked { get; }

    /// <summary>Display names by author id (<c>Guid.ToString("D")</c>), for everyone the tracked state names.</summary>
    public Dictionary<string, string> Names { get; } = [];
    public bool Dirty { get; private set; }
    public DateTimeOffset LastEditAt { get; private set; }
    public Guid LastAuthorId { get; private set; }

    /// <summary>When this instance last committed a batch to the text (<see cref="TimeProvider.GetTimestamp"/>), for <see cref="GroupCommit"/>'s window.</summary>
    public long? CommittedAt { get; set; }

    /// <summary>The one client whose pushes were all of that batch (<see cref="PendingPush.Source"/>), or null when there were several.</summary>
    public string? CommittedFrom { get; set; }

    /// <summary>The updates accepted after <paramref name="version"/>: a view of the history, not a copy (valid under the lock).</summary>
    public IReadOnlyList<Update> Since(int version) => new Tail(_updates, version - BaseVersion);

    public int LengthAt(int version) => _lengths[version - BaseVersion];

    public bool MayUse(string clientId, Guid userId) =>
        !_clientOwners.TryGetValue(clientId, out var owner) || owner == userId;

    /// <summary>The display name of an author id, or "" if it names nobody known.</summary>
    public string NameOf(string authorId) => Names.GetValueOrDefault(authorId, "");

    /// <summary>Every author id the tracked state names (writers and suggesters) with their display names.</summary>
    public IReadOnlyDictionary<string, string> People()
    {
        var state = Tracked.State;
        return state.Authorship.Select(r => r.Value).Concat(state.Suggestions.Select(s => s.AuthorId))
            .Where(id => id.Length > 0).Distinct()
            .ToDictionary(id => id, NameOf);
    }

    /// <summary>Applies an update (its tracking filled in) to the text and then to its suggestions and authorship.</summary>
    public void Apply(Update update)
    {
        update.Changes.ApplyTo(Text);
        Tracked.Follow(update);
    }

    /// <summary>From now on, remembers what is applied so a commit that loses its race can take it back.</summary>
    public void BeginStaging()
    {
        Text.Track();
        Tracked.Track();
    }

    public bool Staging => Text.Tracking;

    /// <summary>Keeps what was applied since <see cref="BeginStaging"/>: it is committed.</summary>
    public void KeepStaged()
    {
        Text.Keep();
        Tracked.Keep();
    }

    /// <summary>Takes back what was applied since <see cref="BeginStaging"/>.</summary>
    public void UndoStaged()
    {
        Text.Undo();
        Tracked.Undo();
    }

    /// <summary>
    /// Queues a push for the text's next commit; true when the text had no committer, and the caller is to start one
    /// (it commits while anything is queued, then <see cref="StepDownIfIdle"/>).
    /// </summary>
    public bool Enqueue(PendingPush push)
    {
        lock (_queueGate)
        {
            _queue.Add(push);
            var start = !_committing;
            _committing = true;
            return start;
        }
    }

    /// <summary>True, and the text has no committer from now, when nothing is queued: the next push starts one.</summary>
    public bool StepDownIfIdle()
    {
        lock (_queueGate)
        {
            _committing = _queue.Count > 0;
            return !_committing;
        }
    }

    /// <summary>Whether every push queued now comes from <paramref name="source"/> (false for null).</summary>
    public bool QueuedOnlyFrom(string? source)
    {
        lock (_queueGate)
        {
            return source is not null && _queue.TrueForAll(p => p.Source == source);
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

    /// <summary>Records committed updates, already applied to <see cref="Text"/> and <see cref="Tracked"/>.</summary>
    public void Accept(IReadOnlyList<Update> updates, string? author, DateTimeOffset at, Guid authorId)
    {
        LastAuthorId = authorId;
        if (author is not null)
        {
            Names[authorId.ToString("D")] = author;
        }

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
