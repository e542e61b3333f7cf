using System.Text;
using System.Text.Json;
using Newsroom.Application.Collab;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Tests.Collab;

/// <summary>
/// Accepted updates on the wire and in the log (docs/protocol.md): a batch says once what its updates share (their
/// time, their authors, ids that follow from the version), tracking fields at their defaults are left out, a reader
/// takes a missing one as its default, and rows written with every field still read the same.
/// </summary>
public sealed class UpdateWireTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 19, 30, 12, 345, TimeSpan.Zero);
    private static readonly string Author = Guid.Parse("5b0c3c6e-8f6a-4d8e-9a55-0c9a3b1f7e21").ToString("D");
    private static readonly string Other = Guid.Parse("0d7f1e4a-2b3c-4d5e-8f90-a1b2c3d4e5f6").ToString("D");

    [Fact]
    public void A_keystroke_in_a_batch_is_its_client_its_change_and_its_author()
    {
        var keystroke = new Update("client-7", ChangeSet.Replace(120, 57, 57, "a"), new Tracking("body-1042", Author, At));
        var json = JsonSerializer.Serialize(UpdateBatch.Of("body", 1041, [(keystroke, "Layla Haddad")]), JsonSerializerOptions.Web);

        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(["at", "authors", "updates"], parsed.RootElement.EnumerateObject().Select(p => p.Name));
        var update = Assert.Single(parsed.RootElement.GetProperty("updates").EnumerateArray());
        Assert.Equal(["clientId", "changes", "author"], update.EnumerateObject().Select(p => p.Name));
        // Written out in full, with every tracking field, a keystroke was 266 bytes.
        Assert.InRange(Encoding.UTF8.GetByteCount(update.GetRawText()), 1, 60);
    }

    [Fact]
    public void A_batch_names_each_author_once()
    {
        var updates = Enumerable.Range(0, 6)
            .Select(i => (new Update($"client-{i % 2}", ChangeSet.Replace(10 + i, 10 + i, 10 + i, "x"), new Tracking($"body-{i + 1}", i % 2 == 0 ? Author : Other, At)), i % 2 == 0 ? "Layla" : "Samira"))
            .ToList();

        var batch = RoundTrip(UpdateBatch.Of("body", 0, updates));

        Assert.Equal([new UpdateBatch.Person(Author, "Layla"), new UpdateBatch.Person(Other, "Samira")], batch.Authors);
        Assert.Equal([0, 1, 0, 1, 0, 1], batch.Updates.Select(u => u.Author));
    }

    [Fact]
    public void Every_update_reads_back_as_it_was_committed()
    {
        var later = At.AddMilliseconds(40);
        var committed = new List<(Update Update, string AuthorName)>
        {
            (new Update("client-1", ChangeSet.Replace(20, 3, 3, "ab"), new Tracking("body-8", Author, At)), "Layla"),
            (new Update("client-2", ChangeSet.Replace(22, 5, 9, "قال"), new Tracking("body-9", Other, At, Suggest: true, Note: "stronger verb", Deletions: [new TextRange(2, 5)])), "Samira"),
            (new Update("client-1", ChangeSet.Replace(22, 0, 0, ""), new Tracking("body-10", Author, later, NoteFor: "body-9.0", Note: "kept")), "Layla"),
            (new Update("client-3", ChangeSet.Replace(22, 0, 3, ""), new Tracking("body-11", Other, later, Decision: new Decision("body-9.0", true))), "Samira"),
            // An id that does not follow from its version is written out, and read back as it was.
            (new Update("client-3", ChangeSet.Replace(19, 19, 19, "."), new Tracking("client-3-0", Other, At)), "Samira"),
        };

        var read = RoundTrip(UpdateBatch.Of("body", 7, committed)).Read("body", 7).ToList();

        Assert.Equal(committed.Select(Describe), read.Select(Describe));
    }

    [Fact]
    public void An_empty_batch_has_no_time_and_reads_as_nothing()
    {
        var json = JsonSerializer.Serialize(UpdateBatch.Of("body", 3, []), JsonSerializerOptions.Web);

        Assert.Equal("""{"authors":[],"updates":[]}""", json);
        Assert.Empty(RoundTrip(UpdateBatch.Of("body", 3, [])).Read("body", 3));
    }

    [Fact]
    public void A_suggestion_and_a_decision_keep_what_they_say()
    {
        var suggestion = UpdateTracking.From(new Tracking("body-7", Author, At, Suggest: true, Note: "stronger verb", Deletions: [new TextRange(2, 5)]), "Samira");
        var json = TrackingJson.Write(suggestion);
        Assert.Contains("\"suggest\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"note\":\"stronger verb\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("decision", json, StringComparison.Ordinal);
        var read = Read(json).Tracking!;
        Assert.True(read.Suggest);
        Assert.Equal("stronger verb", read.Note);
        Assert.Equal([new TextRange(2, 5)], read.Deletions);
        Assert.Null(read.Decision);

        var decision = TrackingJson.Write(UpdateTracking.From(new Tracking("body-8", Author, At, Decision: new Decision("body-7.0", true)), "Samira"));
        Assert.DoesNotContain("\"suggest\"", decision, StringComparison.Ordinal);
        Assert.Equal(new Decision("body-7.0", true), Read(decision).Tracking!.Decision);
    }

    [Fact]
    public void A_log_row_written_with_every_field_reads_as_before()
    {
        const string Old = """{"updateId":"body-9","authorId":"5b0c3c6e-8f6a-4d8e-9a55-0c9a3b1f7e21","authorName":"Layla","at":"2026-11-29T19:30:12.345+00:00","suggest":false,"note":null,"deletions":null,"decision":null}""";
        var (update, name) = TrackingJson.ReadUpdate("body", 9, "client-1", "[3,[0,\"x\"]]", Old, Guid.Empty, At);
        Assert.Equal("Layla", name);
        Assert.Equal(new Tracking("body-9", Author, At), update.Tracking! with { Deletions = null });
        Assert.True(TrackingJson.IsOrdinary(update.Tracking!));
    }

    private static UpdateBatch RoundTrip(UpdateBatch batch) =>
        JsonSerializer.Deserialize<UpdateBatch>(JsonSerializer.Serialize(batch, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;

    private static string Describe((Update Update, string AuthorName) read) =>
        $"{read.Update.ClientId} {read.Update.Changes.ToJsonString()} {TrackingJson.Write(UpdateTracking.From(read.Update.Tracking!, read.AuthorName))}";

    private static Update Read(string tracking) =>
        TrackingJson.ReadUpdate("body", 7, "client-1", "[3,[0,\"x\"]]", tracking, Guid.Empty, At).Update;
}
