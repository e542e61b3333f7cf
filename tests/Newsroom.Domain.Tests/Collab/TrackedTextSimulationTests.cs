using System.Text.Json;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>
/// Seeded sessions of authors making ordinary and suggest-mode edits, accepting and rejecting suggestions, all
/// concurrently: pushes made against older versions are rebased one by one as the server does, and clients take in
/// broadcasts as the editor does. Each client shows its confirmed replica with its unconfirmed updates on top; that
/// must always be the text the editor holds, and at the end every replica must hold the server's text, suggestions
/// and authorship, and so must a replica over a shared gap buffer, as the live core keeps it.
/// </summary>
public sealed class TrackedTextSimulationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Hundreds_of_seeded_sessions_with_suggestions_and_decisions_converge()
    {
        var failures = Enumerable.Range(1, 400)
            .Select(seed => Simulate(seed, clients: 2 + (seed % 4), steps: 30 + (seed % 3 * 20)))
            .OfType<string>()
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3)) + $"\n({failures.Count} failed)");
    }

    [Fact]
    public void A_long_session_with_many_authors_converges_and_keeps_suggestions_open()
    {
        var opened = 0;
        Assert.Null(Simulate(7, clients: 8, steps: 1_500, server => opened = server.Suggestions.Count));
        Assert.True(opened > 0, "expected some suggestions to be left open at the end");
    }

    [Fact]
    public void Ordinary_updates_moved_run_by_run_leave_what_the_expanded_path_leaves()
    {
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed);
            var runWise = new TrackedText(Text(random, 8), "origin");
            var expanded = runWise.Clone();
            expanded.ExpandAlways = true;
            for (var step = 0; step < 40; step++)
            {
                var editor = new Editor("c" + random.Next(3), runWise) { Counter = step };
                var update = LocalEdit(editor, random, Start);
                if (update is null)
                {
                    continue;
                }

                runWise.Apply(update);
                expanded.Apply(update);
                Assert.True(
                    JsonSerializer.Serialize(runWise.State) == JsonSerializer.Serialize(expanded.State),
                    $"seed {seed} step {step}: '{runWise.Text}' [{Describe(runWise)}] but expanded [{Describe(expanded)}]");
            }
        }
    }

    /// <summary>One seeded session; null when every replica ends alike, else what differed.</summary>
    private static string? Simulate(int seed, int clients, int steps, Action<TrackedText>? inspect = null)
    {
        var random = new Random(seed);
        var start = new TrackedText(Text(random, 6), "origin");
        var server = start.Clone();
        // The live core's replica: over its own gap buffer, which takes each change before the replica follows it.
        var liveText = new TextBuffer(start.Text);
        var live = TrackedText.Over(liveText, start.State, "");
        var log = new List<Update>();
        var editors = Enumerable.Range(0, clients).Select(i => new Editor("c" + i, start)).ToList();
        string? failure = null;

        void Check(Editor e, string when)
        {
            var view = e.View();
            if (failure is null && view.Text != e.Doc)
            {
                failure = $"seed {seed}: {e.Id} after {when} shows '{view.Text}' but its editor holds '{e.Doc}'";
            }

            failure ??= Invariants(view, $"seed {seed}: {e.Id} after {when}");
        }

        void Serve(Editor e)
        {
            var (version, updates) = e.InFlight.Dequeue();
            foreach (var update in Rebase.RebaseOneByOne(updates, log[version..]))
            {
                server.Apply(update);
                update.Changes.ApplyTo(liveText);
                live.Follow(update);
                log.Add(update);
            }
        }

        void Deliver(Editor e, int count)
        {
            var run = log.Skip(e.Version).Take(count).ToList();
            if (run.Count == 0)
            {
                return;
            }

            run.ForEach(e.Confirmed.Apply);
            e.Version += run.Count;
            var received = Rebase.ReceiveOneByOne(e.Unconfirmed, run);
            e.Unconfirmed = received.Unconfirmed;
            e.Doc = received.Changes?.Apply(e.Doc) ?? e.Doc;
            Check(e, "a delivery");
        }

        for (var step = 0; step < steps && failure is null; step++)
        {
            var e = editors[random.Next(clients)];
            var roll = random.NextDouble();
            if (roll < 0.5)
            {
                var update = LocalEdit(e, random, Start.AddSeconds(step));
                if (update is not null)
                {
                    e.Doc = update.Changes.Apply(e.Doc);
                    e.Unconfirmed = [.. e.Unconfirmed, update];
                    Check(e, "an edit");
                }
            }
            else if (roll < 0.65)
            {
                if (e.Unconfirmed.Count > 0)
                {
                    e.InFlight.Enqueue((e.Version, e.Unconfirmed));
                }
            }
            else if (roll < 0.8)
            {
                if (e.InFlight.Count > 0)
                {
                    Serve(e);
                }
            }
            else
            {
                Deliver(e, new[] { 1, 1, 2, 3, int.MaxValue }[random.Next(5)]);
            }
        }

        for (var round = 0; round < 100 && failure is null && editors.Any(e => e.InFlight.Count > 0 || e.Unconfirmed.Count > 0 || e.Version < log.Count); round++)
        {
            editors.ForEach(e => { while (e.InFlight.Count > 0) { Serve(e); } });
            editors.ForEach(e => Deliver(e, int.MaxValue));
            editors.ForEach(e => { if (e.Unconfirmed.Count > 0) { e.InFlight.Enqueue((e.Version, e.Unconfirmed)); } });
        }

        failure ??= Invariants(server, $"seed {seed}: server");
        if (failure is not null)
        {
            return failure;
        }

        if (live.Text != server.Text || JsonSerializer.Serialize(live.State) != JsonSerializer.Serialize(server.State))
        {
            return $"seed {seed}: the replica over a shared buffer holds '{live.Text}' [{Describe(live)}], the server '{server.Text}' [{Describe(server)}]";
        }

        inspect?.Invoke(server);
        var wrong = editors.Where(e =>
            e.Unconfirmed.Count > 0 || e.Doc != server.Text || e.Confirmed.Text != server.Text
            || !e.Confirmed.Suggestions.SequenceEqual(server.Suggestions)
            || !e.Confirmed.Authorship.Runs.SequenceEqual(server.Authorship.Runs)).ToList();
        return wrong.Count == 0 ? null : $"seed {seed}: server '{server.Text}' [{Describe(server)}], "
            + string.Join(", ", wrong.Select(e => $"{e.Id} '{e.Confirmed.Text}' [{Describe(e.Confirmed)}]"));
    }

    /// <summary>An ordinary edit, a suggest-mode one or a decision on a suggestion the editor sees, made on its view.</summary>
    private static Update? LocalEdit(Editor e, Random random, DateTimeOffset at)
    {
        var view = e.View();
        var updateId = $"{e.Id}-{++e.Counter}";
        var length = view.Text.Length;
        var roll = random.NextDouble();
        if (roll < 0.15 && view.Suggestions.Count > 0)
        {
            var suggestion = view.Suggestions[random.Next(view.Suggestions.Count)];
            return view.Decide(e.Id, updateId, e.Id, at, suggestion.Id, accept: random.Next(2) == 0);
        }

        var from = random.Next(length + 1);
        var to = random.NextDouble() < 0.5 ? from : Math.Min(length, from + 1 + random.Next(4));
        var insert = to > from && random.NextDouble() < 0.4 ? "" : Text(random, 2);
        if (roll < 0.55)
        {
            // Keep ordinary edits off the middle of a surrogate pair, as the live core's boundary check does.
            if ((from > 0 && from < length && char.IsLowSurrogate(view.Text[from])) || (to < length && char.IsLowSurrogate(view.Text[to])))
            {
                return null;
            }

            return TrackedText.Edit(e.Id, updateId, e.Id, at, ChangeSet.Replace(length, from, to, insert));
        }

        return view.Suggest(e.Id, updateId, e.Id, at, from, to, insert, random.Next(3) == 0 ? "note " + updateId : null);
    }

    /// <summary>What must hold of any replica: marks and authorship cover the text, and each suggestion is whole.</summary>
    private static string? Invariants(TrackedText text, string where)
    {
        if (text.Authorship.Length != text.Text.Length || text.Marks.Length != text.Text.Length)
        {
            return $"{where}: authorship {text.Authorship.Length} and marks {text.Marks.Length} for a text of {text.Text.Length}";
        }

        foreach (var s in text.Suggestions)
        {
            var marks = text.Marks.ToValues()[s.Range.From..s.Range.To];
            var whole = s.Kind == SuggestionKind.Insertion ? marks.All(m => m.Insertion == s.Id) : marks.All(m => m.Deletion == s.Id);
            // A diacritic with no letter before it (at the very start) has nothing to join.
            if (!whole || s.Range.Length == 0 || (s.Range.From > 0 && TrackedText.JoinsPrevious(text.Text[s.Range.From]))
                || (s.Range.To < text.Text.Length && TrackedText.JoinsPrevious(text.Text[s.Range.To])))
            {
                return $"{where}: suggestion {s.Id} {s.Range} is not whole letters of one id in '{text.Text}'";
            }
        }

        return null;
    }

    private static string Describe(TrackedText text) =>
        string.Join(" ", text.Suggestions.Select(s => $"{s.Kind}:{s.AuthorId}:{s.Range.From}-{s.Range.To}"))
        + " | " + string.Join(" ", text.Authorship.Runs.Select(r => $"{r.Length}:{r.Value}"));

    private static readonly string[] Pieces = ["قال", "مَرْحَبًا", "\u064E", "\u0651", "\u0670", "،", "a", "b", "x", "yz", " ", "\n", "😀", "ا"];

    private static string Text(Random random, int max) =>
        string.Concat(Enumerable.Range(0, 1 + random.Next(max)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    private sealed class Editor(string id, TrackedText start)
    {
        public string Id { get; } = id;

        public TrackedText Confirmed { get; } = start.Clone();

        public string Doc { get; set; } = start.Text;

        public int Version { get; set; }

        public int Counter { get; set; }

        public IReadOnlyList<Update> Unconfirmed { get; set; } = [];

        public Queue<(int Version, IReadOnlyList<Update> Updates)> InFlight { get; } = new();

        /// <summary>What the editor shows: the confirmed replica with the unconfirmed updates on top.</summary>
        public TrackedText View()
        {
            var view = Confirmed.Clone();
            foreach (var update in Unconfirmed)
            {
                view.Apply(update);
            }

            return view;
        }
    }
}
