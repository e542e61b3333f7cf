using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newsroom.Domain.Collab;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.ClientApp;

/// <summary>
/// The editor keeps suggestions and authorship with ClientApp/src/tracked-text.js; the server with
/// Domain/Collab/TrackedText.cs. Seeded sessions (ordinary edits, suggestions in Arabic with diacritics, emoji and
/// Latin, decisions one by one and all at once, restores from the stored state) run through both, the script in Node
/// (ClientApp/tracked-text-parity.mjs), and after every step the text, the update made, the suggestions, the
/// authorship and marks runs and the words by person must be the same.
/// </summary>
public sealed class TrackedTextParityTests
{
    private static readonly string Script = Path.Combine(Readme.RepositoryRoot, "tests", "Newsroom.Web.Tests", "ClientApp", "tracked-text-parity.mjs");

    private static readonly string[] Pieces = ["مَرْحَبًا", "قال", "،", "ب", "ّ", "َ", "a", "bc", " ", "\n", "😀", "x"];

    private static readonly string[] Authors = ["a", "b", "c"];

    [Theory]
    [InlineData("")]
    [InlineData("expand")]
    public async Task The_editor_script_and_the_server_keep_the_same_suggestions_and_authorship_in_every_seeded_session(string mode)
    {
        var sessions = Enumerable.Range(1, 150).Select(seed => MakeSession(seed, steps: 40)).ToList();

        var script = await RunNodeAsync(mode, JsonSerializer.Serialize(sessions.Select(s => s.Script), JsonSerializerOptions.Web));

        Assert.Equal(sessions.Count, script.Count);
        foreach (var (session, fromScript) in sessions.Zip(script))
        {
            var steps = fromScript!.AsArray();
            for (var i = 0; i < session.Snapshots.Count; i++)
            {
                Assert.True(JsonNode.DeepEquals(session.Snapshots[i], steps[i]),
                    $"Seed {session.Seed}, step {i} ({session.Script.Steps[i].ToJsonString()}):\nC#: {session.Snapshots[i].ToJsonString()}\nJS: {steps[i]!.ToJsonString()}");
            }
        }
    }

    private sealed record Session(int Seed, SessionScript Script, List<JsonNode> Snapshots);

    private sealed record SessionScript(string Start, string FirstAuthor, List<JsonObject> Steps);

    /// <summary>A seeded session, run through the C# TrackedText as it is made (positions come from its text).</summary>
    private static Session MakeSession(int seed, int steps)
    {
        var random = new Random(seed);
        string Piece() => Pieces[random.Next(Pieces.Length)];
        string Text(int max) => string.Concat(Enumerable.Range(0, random.Next(max + 1)).Select(_ => Piece()));
        var start = Text(6);
        var tracked = new TrackedText(start, "a");
        var script = new SessionScript(start, "a", []);
        var snapshots = new List<JsonNode>();
        var epoch = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
        for (var step = 0; step < steps; step++)
        {
            var length = tracked.Text.Length;
            int from = Whole(tracked.Text, random.Next(length + 1)), to = Whole(tracked.Text, Math.Min(length, from + random.Next(6)));
            var author = Authors[random.Next(Authors.Length)];
            var at = epoch.AddSeconds(step / 2);
            var updateId = $"u{step}";
            var roll = random.NextDouble();
            var json = new JsonObject { ["updateId"] = updateId, ["author"] = author, ["at"] = Stamp(at) };
            Update? update = null;
            if (roll < 0.3)
            {
                var insert = random.NextDouble() < 0.3 ? "" : Text(2);
                json["op"] = "edit";
                (json["from"], json["to"], json["insert"]) = (from, to, insert);
                update = TrackedText.Edit("c", updateId, author, at, ChangeSet.Replace(length, from, to, insert));
            }
            else if (roll < 0.72)
            {
                var insert = random.NextDouble() < 0.3 ? "" : Text(2);
                var note = random.NextDouble() < 0.3 ? $"note {step}" : null;
                json["op"] = "suggest";
                (json["from"], json["to"], json["insert"], json["note"]) = (from, to, insert, note);
                update = tracked.Suggest("c", updateId, author, at, from, to, insert, note);
            }
            else if (roll < 0.88)
            {
                var index = random.Next(100);
                var accept = random.Next(2) == 0;
                (json["op"], json["index"], json["accept"]) = ("decide", index, accept);
                var open = tracked.Suggestions;
                if (open.Count > 0)
                {
                    update = tracked.Decide("c", updateId, author, at, open[index % open.Count].Id, accept);
                }
            }
            else if (roll < 0.93)
            {
                var accept = random.Next(2) == 0;
                var by = random.Next(2) == 0 ? null : Authors[random.Next(Authors.Length)];
                (json["op"], json["accept"], json["by"]) = ("decideAll", accept, by);
                foreach (var decision in tracked.DecideAll("c", n => $"{updateId}-{n}", author, at, accept, by))
                {
                    tracked.Apply(decision);
                }
            }
            else
            {
                json["op"] = "restore";
                tracked = TrackedText.Restore(tracked.Text, JsonSerializer.Deserialize<TrackedTextState>(JsonSerializer.Serialize(tracked.State))!);
            }

            if (update is not null)
            {
                tracked.Apply(update);
            }

            script.Steps.Add(json);
            snapshots.Add(Snapshot(tracked, update));
        }

        return new Session(seed, script, snapshots);
    }

    /// <summary>A position moved off the middle of a surrogate pair (the hub refuses those).</summary>
    private static int Whole(string text, int pos) => pos > 0 && pos < text.Length && char.IsLowSurrogate(text[pos]) ? pos - 1 : pos;

    private static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private static JsonObject Snapshot(TrackedText tracked, Update? update) => new JsonObject
    {
        ["text"] = tracked.Text,
        ["changes"] = update is null ? null : JsonNode.Parse(update.Changes.ToJsonString()),
        ["deletions"] = update?.Tracking?.Deletions is { } deletions ? new JsonArray([.. deletions.Select(d => (JsonNode)new JsonArray(d.From, d.To))]) : null,
        ["suggestions"] = new JsonArray([.. tracked.Suggestions.Select(s => (JsonNode)new JsonArray(
            s.Id, s.Kind.ToString(), s.AuthorId, Stamp(s.At), s.Note, s.Range.From, s.Range.To))]),
        ["authorship"] = new JsonArray([.. tracked.Authorship.Runs.Select(r => (JsonNode)new JsonArray(r.Length, r.Value))]),
        ["marks"] = new JsonArray([.. tracked.Marks.Runs.Select(r => (JsonNode)new JsonArray(r.Length, r.Value.Insertion, r.Value.Deletion))]),
        ["words"] = new JsonArray([.. tracked.WordsByPerson().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (JsonNode)new JsonArray(p.Key, p.Value))]),
    };

    private static async Task<JsonArray> RunNodeAsync(string mode, string stdin) =>
        JsonNode.Parse(await NodeScript.RunAsync(mode.Length > 0 ? [Script, mode] : [Script], stdin))!.AsArray();
}
