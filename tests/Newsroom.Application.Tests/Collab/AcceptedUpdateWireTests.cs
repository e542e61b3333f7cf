using System.Text;
using System.Text.Json;
using Newsroom.Application.Collab;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Tests.Collab;

/// <summary>
/// An accepted update on the wire and in the log (docs/protocol.md): tracking fields at their defaults are left out,
/// a reader takes a missing one as its default, and rows written with every field still read the same.
/// </summary>
public sealed class AcceptedUpdateWireTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 19, 30, 12, 345, TimeSpan.Zero);
    private static readonly string Author = Guid.Parse("5b0c3c6e-8f6a-4d8e-9a55-0c9a3b1f7e21").ToString("D");

    [Fact]
    public void A_keystroke_carries_no_tracking_field_at_its_default()
    {
        var keystroke = new Update("client-7", ChangeSet.Replace(120, 57, 57, "a"), new Tracking("body-1042", Author, At));
        var json = JsonSerializer.Serialize(AcceptedUpdate.From(keystroke, "Layla Haddad"), JsonSerializerOptions.Web);

        using var parsed = JsonDocument.Parse(json);
        var tracking = parsed.RootElement.GetProperty("tracking");
        Assert.Equal(["updateId", "authorId", "authorName", "at"], tracking.EnumerateObject().Select(p => p.Name));
        // What was 266 bytes with every field written out.
        Assert.InRange(Encoding.UTF8.GetByteCount(json), 1, 200);
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

    private static Update Read(string tracking) =>
        TrackingJson.ReadUpdate("body", 7, "client-1", "[3,[0,\"x\"]]", tracking, Guid.Empty, At).Update;
}
