using System.Text.Json;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// How suggestions and authorship are stored: an update's tracking in <c>live_text_updates.tracking</c> (the wire
/// shape, <see cref="UpdateTracking"/>; none for an ordinary edit, which the row itself says) and a checkpoint's state
/// in <c>live_texts.tracked</c>, both <c>jsonb</c>.
/// </summary>
public static class TrackingJson
{
    private static readonly JsonSerializerOptions Options = JsonSerializerOptions.Web;

    public static string Write(UpdateTracking tracking) => JsonSerializer.Serialize(tracking, Options);

    /// <summary>
    /// Whether <paramref name="tracking"/> says no more than a row without one reads as (<see cref="ReadUpdate"/>): an
    /// ordinary edit, named for its version, by the row's user at the row's time. Such rows store none.
    /// </summary>
    public static bool IsOrdinary(Tracking tracking) =>
        tracking is { Suggest: false, Note: null, Deletions: null or { Count: 0 }, Decision: null, NoteFor: null };

    public static string Write(TrackedTextState state) => JsonSerializer.Serialize(state, Options);

    public static TrackedTextState? ReadState(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<TrackedTextState>(json, Options);

    /// <summary>
    /// A logged update as the live core holds it, with its author's name when the row has it. A row from before
    /// tracking is an ordinary edit by the row's user, named like any other update.
    /// </summary>
    public static (Update Update, string? AuthorName) ReadUpdate(
        string field, int version, string clientId, string changes, string? tracking, Guid userId, DateTimeOffset at)
    {
        var changeSet = ChangeSet.FromJson(JsonDocument.Parse(changes).RootElement);
        if (tracking is null)
        {
            return (new Update(clientId, changeSet, new Tracking(UpdateTracking.IdOf(field, version), userId.ToString("D"), at)), null);
        }

        var stored = JsonSerializer.Deserialize<UpdateTracking>(tracking, Options)!;
        return (new Update(clientId, changeSet, stored.ToTracking()), stored.AuthorName);
    }
}
