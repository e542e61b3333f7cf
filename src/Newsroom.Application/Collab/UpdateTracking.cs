using System.Text.Json.Serialization;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// What an accepted update means for suggestions and authorship, as the log stores it and a client has it once it
/// has read a batch (docs/protocol.md, "Suggestions and authorship"; on the wire see <see cref="UpdateBatch"/>). Filled by the server: <see cref="UpdateId"/> is
/// <c>"{field}-{version}"</c>, the author the pushing person, <see cref="At"/> the commit time.
/// <see cref="Deletions"/> are <c>[from, to]</c> pairs in the text the update leaves; <see cref="NoteFor"/>, when
/// present, names the suggestion whose note the update sets to <see cref="Note"/> (left out of the JSON when
/// null, so every other update reads as before).
/// </summary>
/// <remarks>
/// The fields after <see cref="At"/> are left out of the JSON at their defaults (not a suggestion, no note, no
/// deletions, no decision), which is what a keystroke is: every reader takes a missing one as its default, and rows
/// written with them still read (ADR-025).
/// </remarks>
public sealed record UpdateTracking(
    string UpdateId,
    string AuthorId,
    string AuthorName,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Suggest = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int[]>? Deletions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Decision? Decision = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NoteFor = null)
{
    public static UpdateTracking From(Tracking tracking, string authorName) => new(
        tracking.UpdateId, tracking.AuthorId, authorName, tracking.At, tracking.Suggest, tracking.Note,
        tracking.Deletions is { Count: > 0 } deletions ? [.. deletions.Select(d => new[] { d.From, d.To })] : null,
        tracking.Decision, tracking.NoteFor);

    public Tracking ToTracking() => new(
        UpdateId, AuthorId, At, Suggest, Note,
        Deletions is { Count: > 0 } deletions ? [.. deletions.Select(d => new TextRange(d[0], d[1]))] : null,
        Decision, NoteFor);

    /// <summary>The update id of the <paramref name="version"/>-th update of <paramref name="field"/>.</summary>
    public static string IdOf(string field, int version) => $"{field}-{version}";
}
