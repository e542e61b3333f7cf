using System.Text.Json;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>
/// The server's rebase of a push over what was accepted since, with the fast path for keystrokes, gives exactly what
/// mapping over one accepted update at a time with <see cref="Rebase.RebaseUpdates"/> gives: the path that
/// ChangeSetParityTests and the convergence simulations check against the real library.
/// </summary>
public sealed class RebaseFastPathTests
{
    private static readonly string[] Typed = ["a", "ب", "😀", "\n", "xy", ""];

    // Others typing anywhere in the text, and others typing in the same place (every pair touches, some make
    // several ranges), over pushes of a few keystrokes and of many (a client far behind, paced).
    [Theory]
    [InlineData(false, 8)]
    [InlineData(true, 8)]
    [InlineData(true, 60)]
    public void Keystrokes_rebased_over_many_accepted_updates_are_the_one_at_a_time_result_exactly(bool samePlace, int most)
    {
        var random = new Random(2026);
        for (var i = 0; i < 5_000; i++)
        {
            var length = random.Next(0, 40);
            var caret = random.Next(0, length + 1);
            var updates = Typing(random, "me", length, random.Next(1, most), near: caret);
            // What others typed meanwhile, sometimes starting with this client's own first updates (a resend).
            var resent = random.Next(4) == 0 ? random.Next(1, updates.Count + 1) : 0;
            var afterResent = resent == 0 ? length : updates[resent - 1].Changes.NewLength;
            var over = updates.Take(resent)
                .Concat(Typing(random, "other", afterResent, random.Next(0, 40), near: samePlace ? Math.Min(caret, afterResent) : -1))
                .ToList();

            var expected = (IReadOnlyList<Update>)updates;
            foreach (var accepted in over)
            {
                if (expected.Count > 0)
                {
                    expected = Rebase.RebaseUpdates(expected, [accepted]);
                }
            }

            var actual = Rebase.RebaseOneByOne(updates, over);
            Assert.Equal(Json(expected), Json(actual));
        }
    }

    // What a client's fast path for receiving (Testing/CollabClient, keystrokes kept as numbers) is held to in turn.
    [Fact]
    public void A_keystroke_received_over_unconfirmed_keystrokes_leaves_the_client_where_the_server_is()
    {
        var random = new Random(2027);
        for (var i = 0; i < 5_000; i++)
        {
            var doc = new string('.', random.Next(0, 40));
            var unconfirmed = Typing(random, "me", doc.Length, random.Next(1, 6), near: random.Next(0, doc.Length + 1));
            var accepted = Typing(random, "other", doc.Length, 1, near: -1)[0];

            var received = Rebase.ReceiveUpdates(unconfirmed, [accepted]);

            // What stays unconfirmed is what the server would append for it, and the client's text is the server's.
            var expected = Rebase.RebaseUpdates(unconfirmed, [accepted]);
            Assert.Equal(Json(expected), Json(received.Unconfirmed));
            var local = received.Changes!.Apply(unconfirmed.Aggregate(doc, (text, u) => u.Changes.Apply(text)));
            var server = expected.Aggregate(accepted.Changes.Apply(doc), (text, u) => u.Changes.Apply(text));
            Assert.Equal(server, local);
        }
    }

    private static List<Update> Typing(Random random, string client, int length, int count, int near)
    {
        var typed = new List<Update>();
        for (var n = 0; n < count; n++)
        {
            // Others type anywhere, this client near its caret; now and then a deletion, now and then a replacement.
            var at = near >= 0 ? Math.Clamp(near + n + random.Next(-1, 2), 0, length) : random.Next(0, length + 1);
            var to = random.Next(6) == 0 ? Math.Min(length, at + random.Next(1, 3)) : at;
            var text = Typed[random.Next(Typed.Length)];
            if (to == at && text.Length == 0)
            {
                text = "z";
            }

            var change = ChangeSet.Replace(length, at, to, text);
            typed.Add(new Update($"{client}-{(client == "me" ? 0 : random.Next(3))}", change));
            length = change.NewLength;
        }

        return typed;
    }

    private static string Json(IReadOnlyList<Update> updates) =>
        JsonSerializer.Serialize(updates.Select(u => new { u.ClientId, u.Changes }));
}
