using System.Text.Json.Serialization;
using Newsroom.Domain.Text;

namespace Newsroom.Domain.Collab;

[JsonConverter(typeof(JsonStringEnumConverter<SuggestionKind>))]
public enum SuggestionKind
{
    /// <summary>Proposed text, in the text and underlined until decided.</summary>
    Insertion,

    /// <summary>Text proposed for removal, still in the text and struck through until decided.</summary>
    Deletion,
}

/// <summary>One open suggestion and the code units it covers now.</summary>
public sealed record Suggestion(string Id, SuggestionKind Kind, string AuthorId, DateTimeOffset At, string? Note, TextRange Range);

/// <summary>What is kept of a suggestion apart from where it is (its code units carry its id).</summary>
public sealed record SuggestionInfo(string Id, SuggestionKind Kind, string AuthorId, DateTimeOffset At, string? Note);

/// <summary>
/// Everything a replica keeps beside its text, to store with the text (a checkpoint) and restore after a restart or
/// a compaction of the update log; it serializes with System.Text.Json as it is.
/// </summary>
public sealed record TrackedTextState(IReadOnlyList<Run<string>> Authorship, IReadOnlyList<Run<CharMarks>> Marks, IReadOnlyList<SuggestionInfo> Suggestions);

/// <summary>Which suggested insertion a code unit belongs to, and which suggested deletion marks it, if any.</summary>
public readonly record struct CharMarks(string? Insertion, string? Deletion);

/// <summary>
/// One replica of a live text with its suggestions and authorship, all moved by the same updates in the same order:
/// whoever applies the same updates (the server's log, or a client's confirmed version) holds the same state.
/// Suggestion ranges are marks on code units beside the text, like comment anchors; docs/decisions/ADR-020 has the
/// rules and why they are these.
/// </summary>
/// <remarks>
/// Marks are expanded to one value per code unit while an update is applied away from the common case (ordinary
/// typing away from suggestions and diacritics), which is linear in the text's length; they are kept as runs
/// otherwise. Ids of new suggestions come from the update's id, never from a clock or a random source, so every
/// replica names them alike. The characters are a <see cref="TextBuffer"/>: the replica's own, or one it shares with
/// the live core (<see cref="Over"/>), so the server keeps no second copy of a text and an update costs its change and
/// the runs, not the text's length (ADR-021).
/// </remarks>
public sealed class TrackedText
{
    private readonly Dictionary<string, (SuggestionKind Kind, string AuthorId, DateTimeOffset At, string? Note)> _info;
    private readonly TextBuffer _text;

    // Shared: the buffer belongs to the live core, which applies each update's change itself and then calls Follow.
    private readonly bool _shared;
    private (RunList<string> Authorship, RunList<CharMarks> Marks, Dictionary<string, (SuggestionKind, string, DateTimeOffset, string?)> Info)? _saved;

    public TrackedText(string text, string authorId)
        : this(new TextBuffer(text), shared: false, RunList.Of(text.Length, authorId), RunList.Of<CharMarks>(text.Length, default), [])
    {
    }

    private TrackedText(
        TextBuffer text, bool shared, RunList<string> authorship, RunList<CharMarks> marks,
        Dictionary<string, (SuggestionKind Kind, string AuthorId, DateTimeOffset At, string? Note)> info)
    {
        _text = text;
        _shared = shared;
        Authorship = authorship;
        Marks = marks;
        _info = info;
    }

    /// <summary>The text now (a copy of its characters: for reading, not for every keystroke).</summary>
    public string Text => _text.ToString();

    /// <summary>The text's length in UTF-16 code units.</summary>
    public int Length => _text.Length;

    /// <summary>Who inserted each code unit, as runs of (length, author id).</summary>
    public RunList<string> Authorship { get; private set; }

    public RunList<CharMarks> Marks { get; private set; }

    /// <summary>An independent replica with its own copy of the text.</summary>
    public TrackedText Clone() => new(new TextBuffer(_text.ToString()), shared: false, Authorship, Marks, new(_info));

    public TrackedTextState State => new(
        Authorship.Runs, Marks.Runs,
        [.. _info.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new SuggestionInfo(p.Key, p.Value.Kind, p.Value.AuthorId, p.Value.At, p.Value.Note))]);

    /// <summary>A replica of <paramref name="text"/> with a stored state, refusing a state that does not fit the text.</summary>
    public static TrackedText Restore(string text, TrackedTextState state) => Restore(new TextBuffer(text), shared: false, state);

    /// <summary>
    /// A replica over <paramref name="text"/>, a buffer the caller owns and changes: it applies each update's change
    /// to the buffer and then calls <see cref="Follow"/>. With no stored state, the whole text is
    /// <paramref name="authorId"/>'s and unmarked.
    /// </summary>
    public static TrackedText Over(TextBuffer text, TrackedTextState? state, string authorId) =>
        state is null
            ? new TrackedText(text, shared: true, RunList.Of(text.Length, authorId), RunList.Of<CharMarks>(text.Length, default), [])
            : Restore(text, shared: true, state);

    private static TrackedText Restore(TextBuffer text, bool shared, TrackedTextState state)
    {
        var authorship = new RunList<string>([.. state.Authorship]);
        var marks = new RunList<CharMarks>([.. state.Marks]);
        if (authorship.Length != text.Length || marks.Length != text.Length || state.Authorship.Any(r => r.Length <= 0) || state.Marks.Any(r => r.Length <= 0))
        {
            throw new FormatException($"The stored authorship ({authorship.Length}) and marks ({marks.Length}) do not cover a text of {text.Length} code units.");
        }

        var restored = new TrackedText(text, shared, authorship, marks, []);
        foreach (var info in state.Suggestions)
        {
            restored._info[info.Id] = (info.Kind, info.AuthorId, info.At, info.Note);
        }

        var unknown = marks.Runs.SelectMany(r => new[] { r.Value.Insertion, r.Value.Deletion }).OfType<string>().FirstOrDefault(id => !restored._info.ContainsKey(id));
        return unknown is null ? restored : throw new FormatException($"The stored marks name suggestion '{unknown}', which the state does not hold.");
    }

    /// <summary>
    /// From now on, remembers the state so <see cref="Undo"/> can take back every update applied since (a batch the
    /// log did not take). A replica over a shared buffer leaves the characters to the buffer's own undo.
    /// </summary>
    public void Track()
    {
        _saved = (Authorship, Marks, new(_info));
        if (!_shared)
        {
            _text.Track();
        }
    }

    /// <summary>Keeps what was applied since <see cref="Track"/>.</summary>
    public void Keep()
    {
        _saved = null;
        if (!_shared)
        {
            _text.Keep();
        }
    }

    /// <summary>Takes back everything applied since <see cref="Track"/>.</summary>
    public void Undo()
    {
        var (authorship, marks, info) = _saved ?? throw new InvalidOperationException("Undo needs Track first.");
        _saved = null;
        Authorship = authorship;
        Marks = marks;
        _info.Clear();
        foreach (var (id, value) in info)
        {
            _info[id] = value;
        }

        if (!_shared)
        {
            _text.Undo();
        }
    }

    /// <summary>Whether every code unit of <c>[from, to)</c> belongs to a suggested insertion by <paramref name="authorId"/>.</summary>
    public bool IsSuggestedBy(int from, int to, string authorId)
    {
        if (to <= from)
        {
            return true;
        }

        var pos = 0;
        foreach (var run in Marks.Runs)
        {
            if (pos >= to)
            {
                break;
            }

            var end = pos + run.Length;
            if (end > from && pos < to && (run.Value.Insertion is not { } id || _info[id].AuthorId != authorId))
            {
                return false;
            }

            pos = end;
        }

        return true;
    }

    /// <summary>
    /// A letter and its Arabic diacritics (U+064B..U+065F, U+0670), or the two halves of a surrogate pair, are one
    /// unit for suggestions: a code unit for which this is true belongs with the one before it.
    /// </summary>
    public static bool JoinsPrevious(char c) => c is (>= '\u064B' and <= '\u065F') or '\u0670' || char.IsLowSurrogate(c);

    /// <summary>The open suggestions in text order.</summary>
    public IReadOnlyList<Suggestion> Suggestions
    {
        get
        {
            var found = new Dictionary<string, TextRange>();
            var order = new List<string>();
            var pos = 0;
            foreach (var run in Marks.Runs)
            {
                foreach (var id in new[] { run.Value.Insertion, run.Value.Deletion })
                {
                    if (id is null)
                    {
                        continue;
                    }

                    if (found.TryGetValue(id, out var range))
                    {
                        found[id] = range with { To = pos + run.Length };
                    }
                    else
                    {
                        found[id] = new TextRange(pos, pos + run.Length);
                        order.Add(id);
                    }
                }

                pos += run.Length;
            }

            return [.. order.Select(id => (Id: id, Info: _info[id])).Select(s => new Suggestion(s.Id, s.Info.Kind, s.Info.AuthorId, s.Info.At, s.Info.Note, found[s.Id]))];
        }
    }

    /// <summary>Words by the person who wrote most of each word's code units (the first of them on a tie).</summary>
    public IReadOnlyDictionary<string, int> WordsByPerson()
    {
        var authors = Authorship.ToValues();
        var counts = new Dictionary<string, int>();
        var pos = 0;
        foreach (var token in WordTokenizer.Tokenize(Text))
        {
            if (token.Kind == TokenKind.Word)
            {
                var author = authors.Skip(pos).Take(token.Text.Length)
                    .GroupBy(a => a).OrderByDescending(g => g.Count()).First().Key;
                counts[author] = counts.GetValueOrDefault(author) + 1;
            }

            pos += token.Text.Length;
        }

        return counts;
    }

    /// <summary>An ordinary edit: text inserted is the author's and unmarked, text deleted goes with its marks.</summary>
    public static Update Edit(string clientId, string updateId, string authorId, DateTimeOffset at, ChangeSet changes) =>
        new(clientId, changes, new Tracking(updateId, authorId, at));

    /// <summary>
    /// Replacing <c>[from, to)</c> with <paramref name="insert"/> in suggest mode, as the update to send: the new
    /// text becomes a suggested insertion placed before the range, the range's text is marked as a suggested
    /// deletion, except the author's own suggested insertions, which are simply removed. The range is widened to
    /// whole letters (with their diacritics) and whole surrogate pairs; an insertion inside a suggested deletion moves
    /// to its start.
    /// </summary>
    public Update Suggest(string clientId, string updateId, string authorId, DateTimeOffset at, int from, int to, string insert, string? note = null)
    {
        if (from < 0 || to < from || to > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"Invalid suggestion range {from} to {to} (in a text of length {Length}).");
        }

        var marks = Marks.ToValues();
        bool Own(int i) => marks[i].Insertion is { } id && _info[id].AuthorId == authorId;

        (from, to, insert) = Widen(from, to, insert, Own);
        var at0 = from;
        if (insert.Length > 0 && at0 > 0 && at0 < Length && marks[at0 - 1].Deletion is { } inside && marks[at0].Deletion == inside)
        {
            while (at0 > 0 && marks[at0 - 1].Deletion == inside)
            {
                at0--;
            }
        }

        var sections = new List<int>();
        var inserted = new List<string>();
        ChangeAlgebra.AddSection(sections, at0, -1);
        ChangeAlgebra.AddSection(sections, 0, insert.Length);
        ChangeAlgebra.AddInsert(inserted, sections, insert);
        ChangeAlgebra.AddSection(sections, from - at0, -1);

        // Own text removed right where the new text goes is one replacement, the shape ChangeSet.Replace (and
        // CodeMirror) gives it.
        var joining = insert.Length > 0 && at0 == from;
        for (var i = from; i < to; i++)
        {
            joining &= Own(i);
            ChangeAlgebra.AddSection(sections, 1, Own(i) ? 0 : -1, forceJoin: joining);
        }

        ChangeAlgebra.AddSection(sections, Length - to, -1);
        var changes = ChangeSet.Create([.. sections], [.. inserted]);

        var deletions = new List<TextRange>();
        for (var i = from; i < to; i++)
        {
            if (!Own(i))
            {
                var pos = changes.MapPos(i, assoc: 1)!.Value;
                if (deletions.Count > 0 && deletions[^1].To == pos)
                {
                    deletions[^1] = deletions[^1] with { To = pos + 1 };
                }
                else
                {
                    deletions.Add(new TextRange(pos, pos + 1));
                }
            }
        }

        return new Update(clientId, changes, new Tracking(updateId, authorId, at, Suggest: true, note, deletions));
    }

    /// <summary>
    /// The update that accepts or rejects a suggestion: accepting a deletion or rejecting an insertion removes its
    /// text; accepting an insertion or rejecting a deletion only drops the mark. Null when there is no such suggestion.
    /// </summary>
    public Update? Decide(string clientId, string updateId, string authorId, DateTimeOffset at, string suggestionId, bool accept)
    {
        var suggestion = Suggestions.FirstOrDefault(s => s.Id == suggestionId);
        if (suggestion is null)
        {
            return null;
        }

        var removesText = suggestion.Kind == SuggestionKind.Insertion ? !accept : accept;
        var changes = removesText
            ? ChangeSet.Replace(Length, suggestion.Range.From, suggestion.Range.To, "")
            : ChangeSet.Empty(Length);
        return new Update(clientId, changes, new Tracking(updateId, authorId, at, Decision: new Decision(suggestionId, accept)));
    }

    /// <summary>
    /// The update that sets the note of an open suggestion to <paramref name="note"/> (null clears it), changing no
    /// text; null when there is no such suggestion.
    /// </summary>
    public Update? Annotate(string clientId, string updateId, string authorId, DateTimeOffset at, string suggestionId, string? note) =>
        _info.ContainsKey(suggestionId)
            ? new Update(clientId, ChangeSet.Empty(Length), new Tracking(updateId, authorId, at, Note: note, NoteFor: suggestionId))
            : null;

    /// <summary>
    /// The updates that accept or reject every open suggestion, or every one by <paramref name="suggestedBy"/>: one
    /// decision per update, each made on the text the ones before it leave, so each is a change the live core
    /// already knows how to send. <paramref name="updateId"/> names the n-th of them.
    /// </summary>
    public IReadOnlyList<Update> DecideAll(string clientId, Func<int, string> updateId, string authorId, DateTimeOffset at, bool accept, string? suggestedBy = null)
    {
        var replica = Clone();
        var updates = new List<Update>();
        foreach (var suggestion in Suggestions.Where(s => suggestedBy is null || s.AuthorId == suggestedBy))
        {
            if (replica.Decide(clientId, updateId(updates.Count), authorId, at, suggestion.Id, accept) is { } update)
            {
                replica.Apply(update);
                updates.Add(update);
            }
        }

        return updates;
    }

    /// <summary>Applies an update, moving authorship and marks through its change and then taking in its tracking.</summary>
    public void Apply(Update update)
    {
        if (_shared)
        {
            throw new InvalidOperationException("A replica over a shared text follows updates its owner applied (Follow).");
        }

        update.Changes.ApplyTo(_text);
        Move(update);
    }

    /// <summary>
    /// Takes in an update whose change the shared text (<see cref="Over"/>) has just taken: authorship and marks move
    /// through the change, then the update's tracking is applied.
    /// </summary>
    public void Follow(Update update)
    {
        if (!_shared)
        {
            throw new InvalidOperationException("A replica with its own text applies updates (Apply).");
        }

        if (update.Changes.NewLength != _text.Length)
        {
            throw new InvalidOperationException($"The text is {_text.Length} code units long, not the {update.Changes.NewLength} the update leaves.");
        }

        Move(update);
    }

    // The text already holds the update's result here.
    private void Move(Update update)
    {
        var tracking = update.Tracking ?? new Tracking("", "", default);
        var changes = update.Changes;
        var text = _text;
        // A note changes no text and no mark, only what is kept of its suggestion.
        if (tracking.NoteFor is { } noted && _info.TryGetValue(noted, out var info))
        {
            _info[noted] = (info.Kind, info.AuthorId, info.At, tracking.Note);
        }

        if (!tracking.Suggest && tracking.Deletions is null or { Count: 0 } && tracking.Decision is null && !ExpandAlways)
        {
            if (_info.Count == 0)
            {
                // No suggestion open anywhere: nothing is marked before or after, so only authorship moves.
                Marks = RunList.Of<CharMarks>(text.Length, default);
                Authorship = Authorship.Map(changes, tracking.AuthorId);
                return;
            }

            // Typing is almost always ordinary and away from any suggestion: moving the runs is then the whole work,
            // without a value per code unit (7 MB of garbage per keystroke in a 200,000-character text otherwise).
            var mapped = Marks.Map(changes, default);
            if (NeedsNoNormalizing(changes, text, mapped))
            {
                Marks = mapped;
                Authorship = Authorship.Map(changes, tracking.AuthorId);
                ForgetAbsent();
                return;
            }
        }

        var before = Marks.ToValues();
        var marks = new CharMarks[text.Length];
        var isNew = new bool[text.Length];
        int posA = 0, posB = 0;
        var sections = changes.Sections;
        for (var i = 0; i < sections.Length; i += 2)
        {
            int len = sections[i], ins = sections[i + 1];
            if (ins < 0)
            {
                Array.Copy(before, posA, marks, posB, len);
                posB += len;
            }
            else
            {
                Array.Fill(isNew, true, posB, ins);
                posB += ins;
            }

            posA += len;
        }

        var fresh = 0;
        string Register(SuggestionKind kind)
        {
            var id = $"{tracking.UpdateId}.{fresh++}";
            _info[id] = (kind, tracking.AuthorId, tracking.At, tracking.Note);
            return id;
        }

        if (tracking.Suggest)
        {
            MarkInsertions(marks, isNew, tracking, Register);
        }

        foreach (var range in tracking.Deletions ?? [])
        {
            MarkDeletion(marks, range, Register);
        }

        if (tracking.Decision is { } decision && _info.Remove(decision.SuggestionId))
        {
            for (var i = 0; i < marks.Length; i++)
            {
                marks[i] = new CharMarks(
                    marks[i].Insertion == decision.SuggestionId ? null : marks[i].Insertion,
                    marks[i].Deletion == decision.SuggestionId ? null : marks[i].Deletion);
            }
        }

        Authorship = Authorship.Map(changes, tracking.AuthorId);
        Normalize(marks, Register);
        Marks = RunList.FromValues(marks);
        ForgetAbsent();
    }

    /// <summary>Forces the expanded path for every update, so tests can hold the run-wise one to it.</summary>
    internal bool ExpandAlways { get; set; }

    /// <summary>
    /// Whether marks moved run by run are already what the expanded path would make: the state was normalized before,
    /// so only the code units at a change can need it (an inserted or newly preceded diacritic, or new text inside a
    /// suggestion, which splits it).
    /// </summary>
    private static bool NeedsNoNormalizing(ChangeSet changes, TextBuffer text, RunList<CharMarks> marks)
    {
        var posB = 0;
        var sections = changes.Sections;
        for (var i = 0; i < sections.Length; i += 2)
        {
            int len = sections[i], ins = sections[i + 1];
            if (ins < 0)
            {
                posB += len;
                continue;
            }

            int start = posB, end = posB + ins;
            for (var k = Math.Max(start, 1); k <= end && k < text.Length; k++)
            {
                if (JoinsPrevious(text[k]))
                {
                    return false;
                }
            }

            if (ins > 0 && start > 0 && end < text.Length)
            {
                CharMarks left = MarkAt(marks, start - 1), right = MarkAt(marks, end);
                if ((left.Insertion is not null && left.Insertion == right.Insertion) || (left.Deletion is not null && left.Deletion == right.Deletion))
                {
                    return false;
                }
            }

            posB = end;
        }

        return true;
    }

    private static CharMarks MarkAt(RunList<CharMarks> marks, int pos)
    {
        foreach (var run in marks.Runs)
        {
            if (pos < run.Length)
            {
                return run.Value;
            }

            pos -= run.Length;
        }

        throw new ArgumentOutOfRangeException(nameof(pos));
    }

    private void ForgetAbsent()
    {
        if (_info.Count == 0)
        {
            return;
        }

        var present = Marks.Runs.SelectMany(r => new[] { r.Value.Insertion, r.Value.Deletion }).OfType<string>().ToHashSet();
        foreach (var gone in _info.Keys.Where(id => !present.Contains(id)).ToList())
        {
            _info.Remove(gone);
        }
    }

    private (int From, int To, string Insert) Widen(int from, int to, string insert, Func<int, bool> own)
    {
        int start = from, end = to;
        if (insert.Length > 0 && JoinsPrevious(insert[0]) && start > 0)
        {
            // Diacritics typed after a letter belong to that letter.
            start--;
        }

        while (start > 0 && start < Length && JoinsPrevious(_text[start]))
        {
            start--;
        }

        while (end < Length && JoinsPrevious(_text[end]))
        {
            end++;
        }

        // The author's own suggestion is extended in place; anyone else's letter is replaced whole: a deletion takes
        // the whole letter, and typing inside a letter proposes the letter as it would become.
        var needed = Enumerable.Range(start, from - start).Concat(Enumerable.Range(to, end - to)).Any(i => !own(i));
        return !needed ? (from, to, insert)
            : from < to ? (start, end, insert)
            : (start, end, _text.Slice(start, from) + insert + _text.Slice(to, end));
    }

    /// <summary>
    /// Each run of new code units extends the author's suggested insertion it touches (before it, else after it; its
    /// time becomes the latest) or becomes a new one; inside someone else's insertion it is new, and the normalizing step splits theirs.
    /// </summary>
    private void MarkInsertions(CharMarks[] marks, bool[] isNew, Tracking tracking, Func<SuggestionKind, string> register)
    {
        var authorId = tracking.AuthorId;
        string? OwnAt(int i) =>
            i >= 0 && i < marks.Length && marks[i].Insertion is { } id && marks[i].Deletion is null && _info[id].AuthorId == authorId ? id : null;

        for (var start = 0; start < marks.Length; start++)
        {
            if (!isNew[start])
            {
                continue;
            }

            var end = start;
            while (end < marks.Length && isNew[end])
            {
                end++;
            }

            var id = OwnAt(start - 1) ?? OwnAt(end);
            if (id is null)
            {
                id = register(SuggestionKind.Insertion);
            }
            else if (tracking.At > _info[id].At)
            {
                // An extended suggestion is as recent as its latest keystroke, as in Overleaf (pickTimestamp).
                _info[id] = _info[id] with { At = tracking.At };
            }

            Array.Fill(marks, new CharMarks(id, null), start, end - start);
            start = end;
        }
    }

    /// <summary>
    /// Marks a range as a suggested deletion. As in Overleaf's ranges tracker, the deletions it overlaps or touches,
    /// whoever made them, merge into it: one suggestion under the first id, now with this author, time and note.
    /// </summary>
    private void MarkDeletion(CharMarks[] marks, TextRange range, Func<SuggestionKind, string> register)
    {
        int from = Math.Clamp(range.From, 0, marks.Length), to = Math.Clamp(range.To, from, marks.Length);
        if (to == from)
        {
            return;
        }

        var mine = new List<string>();
        for (var i = Math.Max(0, from - 1); i < Math.Min(marks.Length, to + 1); i++)
        {
            if (marks[i].Deletion is { } existing && !mine.Contains(existing))
            {
                mine.Add(existing);
            }
        }

        var id = register(SuggestionKind.Deletion);
        if (mine.Count > 0)
        {
            _info[mine[0]] = _info[id];
            _info.Remove(id);
            id = mine[0];
        }

        for (var i = 0; i < marks.Length; i++)
        {
            if ((i >= from && i < to) || (marks[i].Deletion is { } other && mine.Contains(other)))
            {
                marks[i] = marks[i] with { Deletion = id };
            }
        }
    }

    /// <summary>
    /// After any update: a diacritic or a low surrogate takes the marks of the code unit before it (a suggestion
    /// never splits a letter), and a suggestion left in two pieces (someone typed inside it) keeps its id for the
    /// first piece and gives each later piece a new one with the same author, time and note.
    /// </summary>
    private void Normalize(CharMarks[] marks, Func<SuggestionKind, string> register)
    {
        for (var i = 1; i < marks.Length; i++)
        {
            if (JoinsPrevious(_text[i]))
            {
                marks[i] = marks[i - 1];
            }
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < marks.Length; i++)
        {
            if (marks[i].Insertion is { } ins && (i == 0 || marks[i - 1].Insertion != ins) && !seen.Add(ins))
            {
                var renamed = Copy(ins, register);
                for (var j = i; j < marks.Length && marks[j].Insertion == ins; j++)
                {
                    marks[j] = marks[j] with { Insertion = renamed };
                }
            }

            if (marks[i].Deletion is { } del && (i == 0 || marks[i - 1].Deletion != del) && !seen.Add(del))
            {
                var renamed = Copy(del, register);
                for (var j = i; j < marks.Length && marks[j].Deletion == del; j++)
                {
                    marks[j] = marks[j] with { Deletion = renamed };
                }
            }
        }
    }

    private string Copy(string id, Func<SuggestionKind, string> register)
    {
        var info = _info[id];
        var copy = register(info.Kind);
        _info[copy] = info;
        return copy;
    }
}
