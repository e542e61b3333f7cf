using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>
/// Seeded sessions of a server that takes pushes made against older versions and clients that type at random places,
/// push whatever is unconfirmed against their version (again, before the broadcast of the last push came), and take
/// in broadcasts one at a time, in runs, or as a pull of everything since their version. Afterwards every client
/// must hold the server's text. tools/changeset-cases/simulate.mjs runs the same sessions with the real JavaScript
/// libraries.
/// </summary>
public sealed class ConvergenceSimulationTests
{
    private delegate IReadOnlyList<Update> ServerRebase(IReadOnlyList<Update> updates, IReadOnlyList<Update> over);

    private delegate Received ClientReceive(IReadOnlyList<Update> unconfirmed, IReadOnlyList<Update> updates);

    [Fact]
    public void Mapping_over_a_composition_differs_from_mapping_over_its_parts_at_a_shared_insertion_point()
    {
        // Doc "ab". Bo replaces it with "p" and then types "q" after it; Ana, not having seen either, types "X" at 1.
        var (ana, bo1, bo2) = SmallestCase();

        var server = Rebase.RebaseUpdates([ana], [bo1, bo2]).Single().Changes;
        var client = Rebase.ReceiveUpdates(Rebase.ReceiveUpdates([ana], [bo1]).Unconfirmed, [bo2]).Unconfirmed.Single().Changes;

        // Over the composition (one replacement "p" + "q") X lands between them; one at a time, after "q".
        Assert.Equal("pXq", server.Apply(bo2.Changes.Apply(bo1.Changes.Apply("ab"))));
        Assert.Equal("pqX", client.Apply(bo2.Changes.Apply(bo1.Changes.Apply("ab"))));
    }

    [Fact]
    public void The_smallest_case_ends_with_ana_holding_the_servers_text()
    {
        var (ana, bo1, bo2) = SmallestCase();
        var log = new List<Update> { bo1, bo2 };
        log.AddRange(Rebase.RebaseOneByOne([ana], [bo1, bo2]));
        var server = log.Aggregate("ab", (doc, u) => u.Changes.Apply(doc));

        // Ana hears of Bo's two updates in separate broadcasts, then of her own.
        var anaDoc = ana.Changes.Apply("ab");
        IReadOnlyList<Update> unconfirmed = [ana];
        foreach (var run in new[] { log[..1], log[1..2], log[2..] })
        {
            var received = Rebase.ReceiveOneByOne(unconfirmed, run);
            unconfirmed = received.Unconfirmed;
            anaDoc = received.Changes?.Apply(anaDoc) ?? anaDoc;
        }

        Assert.Empty(unconfirmed);
        Assert.Equal("pqX", server);
        Assert.Equal(server, anaDoc);
    }

    [Fact]
    public void Thousands_of_seeded_sessions_converge()
    {
        var diverged = Enumerable.Range(1, 3_000)
            .Where(seed => Simulate(seed, clients: 2 + (seed % 5), steps: 12 + (seed % 4 * 10), Rebase.RebaseOneByOne, Rebase.ReceiveOneByOne) is not null)
            .ToList();

        Assert.Empty(diverged);
    }

    [Fact]
    public void Many_editors_in_one_text_converge()
    {
        for (var seed = 1; seed <= 3; seed++)
        {
            Assert.Null(Simulate(seed, clients: 60, steps: 600, Rebase.RebaseOneByOne, Rebase.ReceiveOneByOne));
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Rebasing_over_runs_on_either_side_is_caught_by_the_simulation(bool serverOneByOne, bool clientOneByOne)
    {
        // The simulation has teeth: with the composed rebase on either side, sessions diverge.
        ServerRebase server = serverOneByOne ? Rebase.RebaseOneByOne : Rebase.RebaseUpdates;
        ClientReceive client = clientOneByOne ? Rebase.ReceiveOneByOne : Rebase.ReceiveUpdates;
        var diverged = Enumerable.Range(1, 300).Count(seed => Simulate(seed, 3, 30, server, client) is not null);

        Assert.True(diverged > 0, "expected the composed rebase to diverge in some of 300 sessions");
    }

    private static (Update Ana, Update Bo1, Update Bo2) SmallestCase() => (
        new Update("ana", ChangeSet.Replace(2, 1, 1, "X")),
        new Update("bo", ChangeSet.Replace(2, 0, 2, "p")),
        new Update("bo", ChangeSet.Replace(1, 1, 1, "q")));

    /// <summary>Runs one seeded session; null when every client ends with the server's text, else what differed.</summary>
    private static string? Simulate(int seed, int clients, int steps, ServerRebase rebase, ClientReceive receive)
    {
        var random = new Random(seed);
        var start = Text(random, 4);
        var serverDoc = start;
        var log = new List<Update>();
        var editors = Enumerable.Range(0, clients).Select(i => new Editor("c" + i, start)).ToList();

        void Push(Editor e)
        {
            if (e.Unconfirmed.Count > 0)
            {
                e.InFlight.Enqueue((e.Version, e.Unconfirmed));
            }
        }

        void Serve(Editor e)
        {
            var (version, updates) = e.InFlight.Dequeue();
            foreach (var update in rebase(updates, log[version..]))
            {
                serverDoc = update.Changes.Apply(serverDoc);
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

            e.Version += run.Count;
            var received = receive(e.Unconfirmed, run);
            e.Unconfirmed = received.Unconfirmed;
            e.Doc = received.Changes?.Apply(e.Doc) ?? e.Doc;
        }

        for (var step = 0; step < steps; step++)
        {
            var e = editors[random.Next(clients)];
            var roll = random.NextDouble();
            if (roll < 0.4)
            {
                var changes = RandomChange(random, e.Doc.Length);
                e.Doc = changes.Apply(e.Doc);
                e.Unconfirmed = [.. e.Unconfirmed, new Update(e.Id, changes)];
            }
            else if (roll < 0.6)
            {
                Push(e);
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
                // One broadcast, a short run of them, or a pull of everything since the client's version.
                Deliver(e, new[] { 1, 1, 2, 3, int.MaxValue }[random.Next(5)]);
            }
        }

        for (var round = 0; round < 100 && editors.Any(e => e.InFlight.Count > 0 || e.Unconfirmed.Count > 0 || e.Version < log.Count); round++)
        {
            editors.ForEach(e => { while (e.InFlight.Count > 0) { Serve(e); } });
            editors.ForEach(e => Deliver(e, int.MaxValue));
            editors.ForEach(Push);
        }

        var wrong = editors.Where(e => e.Doc != serverDoc || e.Unconfirmed.Count > 0).ToList();
        return wrong.Count == 0 ? null : $"seed {seed}: server '{serverDoc}', " + string.Join(", ", wrong.Select(e => $"{e.Id} '{e.Doc}'"));
    }

    private static readonly string[] Pieces = ["مَرْحَبًا", "قال", "،", "a", "b", "c", "x", "yz", " ", "\n", "ا", "ّ"];

    private static string Text(Random random, int max) =>
        string.Concat(Enumerable.Range(0, 1 + random.Next(max)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    /// <summary>An insertion, a deletion or a replacement at a random place.</summary>
    private static ChangeSet RandomChange(Random random, int length)
    {
        var from = random.Next(length + 1);
        var roll = random.NextDouble();
        var to = roll < 0.5 ? from : Math.Min(length, from + 1 + random.Next(4));
        return ChangeSet.Replace(length, from, to, roll > 0.8 && to > from ? "" : Text(random, 2));
    }

    private sealed class Editor(string id, string doc)
    {
        public string Id { get; } = id;

        public string Doc { get; set; } = doc;

        public int Version { get; set; }

        public IReadOnlyList<Update> Unconfirmed { get; set; } = [];

        public Queue<(int Version, IReadOnlyList<Update> Updates)> InFlight { get; } = new();
    }
}
