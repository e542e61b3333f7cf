using System.Text.Json;
using System.Text.Json.Nodes;
using Newsroom.Application.Collab;
using Newsroom.Domain.Collab;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.ClientApp;

/// <summary>
/// A batch of updates (docs/protocol.md, "Updates on the wire") is written by <see cref="UpdateBatch.Of"/> and read by
/// the editor's <c>readBatch</c> (ClientApp/src/receive.js). Seeded batches of keystrokes, suggestions with notes and
/// deletions, decisions and notes set, by several authors, at several times, some with ids that do not follow from
/// their version, must read in the editor exactly as committed: every update's client id, change and full tracking.
/// </summary>
public sealed class UpdateBatchParityTests
{
    private static readonly string Script = Path.Combine(Readme.RepositoryRoot, "tests", "Newsroom.Web.Tests", "ClientApp", "read-batch.mjs");

    private static readonly (string Id, string Name)[] People =
        [(Guid.Parse("5b0c3c6e-8f6a-4d8e-9a55-0c9a3b1f7e21").ToString("D"), "ليلى حداد"), (Guid.Parse("0d7f1e4a-2b3c-4d5e-8f90-a1b2c3d4e5f6").ToString("D"), "Samira Nasser"), ("", "")];

    [Fact]
    public async Task The_editor_reads_every_batch_as_it_was_committed()
    {
        var batches = Enumerable.Range(1, 60).Select(MakeBatch).ToList();
        var sent = new JsonArray([.. batches.Select(b => new JsonObject
        {
            ["field"] = b.Field,
            ["fromVersion"] = b.FromVersion,
            ["batch"] = JsonSerializer.SerializeToNode(UpdateBatch.Of(b.Field, b.FromVersion, b.Updates), JsonSerializerOptions.Web),
        })]);

        var read = JsonNode.Parse(await NodeScript.RunAsync([Script], sent.ToJsonString()))!.AsArray();

        Assert.Equal(batches.Count, read.Count);
        foreach (var (batch, fromEditor) in batches.Zip(read))
        {
            var committed = JsonSerializer.SerializeToNode(
                batch.Updates.Select(u => new { u.Update.ClientId, u.Update.Changes, Tracking = UpdateTracking.From(u.Update.Tracking!, u.AuthorName) }),
                JsonSerializerOptions.Web);
            Assert.True(JsonNode.DeepEquals(committed, fromEditor), $"Seed {batch.Seed}:\ncommitted: {committed!.ToJsonString()}\nread: {fromEditor!.ToJsonString()}");
        }
    }

    private sealed record Batch(int Seed, string Field, int FromVersion, List<(Update Update, string AuthorName)> Updates);

    private static Batch MakeBatch(int seed)
    {
        var random = new Random(seed);
        var field = random.Next(2) == 0 ? "body" : "headline";
        var fromVersion = random.Next(0, 5_000);
        var at = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero).AddMilliseconds(random.Next(1_000_000));
        var updates = new List<(Update, string)>();
        var length = random.Next(0, 40);
        var count = seed % 7 == 0 ? 0 : random.Next(1, 12);
        for (var i = 0; i < count; i++)
        {
            var (author, name) = People[random.Next(People.Length)];
            var version = fromVersion + i + 1;
            // A pull spans commits: now and then an update carries a later time, or an id of its own.
            var when = random.Next(5) == 0 ? at.AddMilliseconds(random.Next(1, 5_000)) : at;
            var id = random.Next(8) == 0 ? $"client-{seed}-{i}" : UpdateTracking.IdOf(field, version);
            var from = random.Next(length + 1);
            var to = Math.Min(length, from + random.Next(4));
            var insert = random.Next(3) == 0 ? "" : random.Next(2) == 0 ? "قال" : "ab";
            var tracking = random.Next(6) switch
            {
                0 => new Tracking(id, author, when, Suggest: true, Note: random.Next(2) == 0 ? "أقوى" : null,
                    Deletions: random.Next(2) == 0 ? [new TextRange(0, Math.Min(1, length))] : null),
                1 => new Tracking(id, author, when, Decision: new Decision($"{field}-{random.Next(1, version)}.0", random.Next(2) == 0)),
                2 => new Tracking(id, author, when, Note: random.Next(2) == 0 ? "kept" : null, NoteFor: $"{field}-{random.Next(1, version)}.0"),
                _ => new Tracking(id, author, when),
            };
            updates.Add((new Update($"client-{random.Next(4)}", ChangeSet.Replace(length, from, to, insert), tracking), name));
            length += insert.Length - (to - from);
        }

        return new Batch(seed, field, fromVersion, updates);
    }
}
