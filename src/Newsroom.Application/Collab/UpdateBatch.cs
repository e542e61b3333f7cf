using System.Text.Json;
using System.Text.Json.Serialization;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// Accepted updates as clients receive them, in a broadcast or a pull (docs/protocol.md, "Updates on the wire"): each
/// update's client id, its change (exactly <c>ChangeSet.toJSON()</c>) and its tracking, with what the updates share
/// said once. An update names its author by position in <see cref="Authors"/>; its id is <c>"{field}-{version}"</c>,
/// which a reader knows from the version the batch starts at; its time is the batch's <see cref="At"/>. Only what
/// differs from those is written with it.
/// </summary>
/// <remarks>
/// A broadcast goes to everyone in the text, so its size is paid once for each of them: a keystroke written out in
/// full was over two thirds tracking (ADR-032).
/// </remarks>
public sealed record UpdateBatch(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? At,
    IReadOnlyList<UpdateBatch.Person> Authors,
    IReadOnlyList<UpdateBatch.Entry> Updates)
{
    /// <summary>An author of updates in the batch: their id (<c>Guid</c> as <c>D</c>) and display name.</summary>
    public sealed record Person(string Id, string Name);

    /// <summary>
    /// One update: <see cref="Author"/> is a position in the batch's authors; <see cref="UpdateId"/> and
    /// <see cref="At"/> are written only where they differ from what the batch implies, and the rest of the tracking
    /// only away from its defaults (<see cref="UpdateTracking"/>).
    /// </summary>
    public sealed record Entry(
        string ClientId,
        ChangeSet Changes,
        int Author,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UpdateId = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? At = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Suggest = false,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int[]>? Deletions = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Decision? Decision = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NoteFor = null);

    /// <summary>
    /// The batch of <paramref name="updates"/> of <paramref name="field"/>, the first of which becomes version
    /// <paramref name="fromVersion"/> + 1; each update's tracking filled by the server, with its author's name.
    /// </summary>
    public static UpdateBatch Of(string field, int fromVersion, IReadOnlyList<(Update Update, string AuthorName)> updates)
    {
        var at = updates.Count > 0 ? Filled(updates[0].Update).At : (DateTimeOffset?)null;
        var authors = new List<Person>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<Entry>(updates.Count);
        foreach (var (update, authorName) in updates)
        {
            var tracking = Filled(update);
            if (!positions.TryGetValue(tracking.AuthorId, out var author))
            {
                author = positions[tracking.AuthorId] = authors.Count;
                authors.Add(new Person(tracking.AuthorId, authorName));
            }

            var id = UpdateTracking.IdOf(field, fromVersion + entries.Count + 1);
            entries.Add(new Entry(
                update.ClientId, update.Changes, author,
                tracking.UpdateId == id ? null : tracking.UpdateId,
                tracking.At == at ? null : tracking.At,
                tracking.Suggest, tracking.Note,
                tracking.Deletions is { Count: > 0 } deletions ? [.. deletions.Select(d => new[] { d.From, d.To })] : null,
                tracking.Decision, tracking.NoteFor));
        }

        return new UpdateBatch(at, authors, entries);
    }

    /// <summary>The updates as a reader takes them in, each with its full tracking and its author's name.</summary>
    public IEnumerable<(Update Update, string AuthorName)> Read(string field, int fromVersion) =>
        Updates.Select((e, i) => (
            new Update(e.ClientId, e.Changes, new Tracking(
                e.UpdateId ?? UpdateTracking.IdOf(field, fromVersion + i + 1),
                Authors[e.Author].Id,
                e.At ?? At ?? throw new JsonException("An update of a batch without a time carries its own."),
                e.Suggest, e.Note,
                e.Deletions is { Count: > 0 } deletions ? [.. deletions.Select(d => new TextRange(d[0], d[1]))] : null,
                e.Decision, e.NoteFor)),
            Authors[e.Author].Name));

    private static Tracking Filled(Update update) =>
        update.Tracking ?? throw new InvalidOperationException("An accepted update carries its tracking.");
}
