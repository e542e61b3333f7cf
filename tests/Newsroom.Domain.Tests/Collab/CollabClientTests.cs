using System.Text.Json;
using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>
/// The tests' and the load tool's client keeps its unconfirmed keystrokes as numbers while they only shift: it holds
/// exactly the text and the unconfirmed updates that taking the same broadcasts in with the generic
/// <see cref="Rebase.ReceiveOneByOne"/> gives, reads its local text back through them without making it, and ends on
/// the server's text, also when it takes the text's versions from another client of it (<see cref="TextVersions"/>).
/// </summary>
public sealed class CollabClientTests
{
    private static readonly string[] Typed = ["a", "ب", "😀", "\n", "xy", ""];

    [Fact]
    public void Keeping_keystrokes_as_numbers_holds_what_the_generic_rebase_holds_and_converges()
    {
        var random = new Random(2028);
        for (var run = 0; run < 2_000; run++)
        {
            var server = new string('.', random.Next(0, 30));
            // Every other run shares the text's versions with a bystander that takes each broadcast in first.
            var versions = run % 2 == 0 ? new TextVersions() : null;
            var client = new CollabClient("me", 0, server, versions);
            var bystander = versions is null ? null : new CollabClient("bystander", 0, server, versions);
            var expectedDoc = server;
            IReadOnlyList<Update> expectedUnconfirmed = [];
            var undelivered = new List<Update>();

            void Deliver()
            {
                // In runs of any length, as broadcasts and pulls bring them.
                while (undelivered.Count > 0)
                {
                    var run = undelivered.Take(random.Next(1, 4)).ToList();
                    undelivered.RemoveRange(0, run.Count);
                    bystander?.Receive(run);
                    client.Receive(run);
                    var received = Rebase.ReceiveOneByOne(expectedUnconfirmed, run);
                    expectedDoc = received.Changes?.Apply(expectedDoc) ?? expectedDoc;
                    expectedUnconfirmed = received.Unconfirmed;
                    Assert.Equal(expectedDoc, client.Doc);
                    Assert.Equal(expectedDoc, Read(client.Text));
                    if (random.Next(3) == 0)
                    {
                        Assert.Equal(Json(expectedUnconfirmed), Json(client.Unconfirmed));
                    }
                }
            }

            for (var step = 0; step < 40; step++)
            {
                switch (random.Next(3))
                {
                    case 0:
                        var typed = Change(random, client.Length);
                        if (typed.IsEmpty)
                        {
                            // Two ranges that undo each other: an editor sends no such update.
                            break;
                        }

                        client.Edit(typed);
                        expectedDoc = typed.Apply(expectedDoc);
                        Assert.Equal(expectedDoc, Read(client.Text));
                        // The local text moves on by the edit from where it was last made (read here at an earlier edit, or in Deliver).
                        Assert.Equal(expectedDoc, client.Doc);
                        Assert.Throws<ArgumentOutOfRangeException>(() => client.Text[client.Length]);
                        expectedUnconfirmed = [.. expectedUnconfirmed, new Update("me", typed)];
                        break;
                    case 1:
                        var other = new Update($"other-{random.Next(3)}", Change(random, server.Length));
                        server = other.Changes.Apply(server);
                        undelivered.Add(other);
                        break;
                    default:
                        // The server takes our oldest update from a client that has caught up (so it needs no rebase).
                        Deliver();
                        if (client.UnconfirmedCount > 0)
                        {
                            var ours = client.Unconfirmed[0];
                            server = ours.Changes.Apply(server);
                            undelivered.Add(ours);
                        }

                        break;
                }
            }

            Deliver();
            while (client.UnconfirmedCount > 0)
            {
                var ours = client.Unconfirmed[0];
                server = ours.Changes.Apply(server);
                undelivered.Add(ours);
                Deliver();
            }

            Assert.Equal(server, client.Doc);
            Assert.Equal(server, bystander?.Doc ?? server);
        }
    }

    private static string Read(LocalText text) => string.Concat(Enumerable.Range(0, text.Length).Select(i => text[i]));

    // Mostly a keystroke; now and then a replacement, and now and then two ranges at once (which only the generic maps take).
    private static ChangeSet Change(Random random, int length)
    {
        ChangeSet One(int length)
        {
            var at = random.Next(0, length + 1);
            var to = random.Next(5) == 0 ? Math.Min(length, at + random.Next(1, 3)) : at;
            var text = Typed[random.Next(Typed.Length)];
            return ChangeSet.Replace(length, at, to, to == at && text.Length == 0 ? "z" : text);
        }

        var first = One(length);
        return random.Next(8) == 0 ? first.Compose(One(first.NewLength)) : first;
    }

    private static string Json(IReadOnlyList<Update> updates) =>
        JsonSerializer.Serialize(updates.Select(u => new { u.ClientId, u.Changes }));
}
