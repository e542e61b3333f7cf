using Newsroom.Domain;

namespace Newsroom.Application.Collab;

/// <summary>
/// The updates the server makes on a text's state when their turn in a commit comes (<see cref="ServerEdit"/>):
/// a suggestion sent through the API, a suggestion's note, and decisions. Each gets a client id of its own, which no editor holds.
/// </summary>
public static class ServerEdits
{
    /// <summary>Replacing <c>[from, to)</c> with <paramref name="insert"/> in suggest mode; positions outside the text are refused.</summary>
    public static ServerEdit Suggestion(int from, int to, string insert, string? note, Guid userId) => (text, updateId, at) =>
        from < 0 || to < from || to > text.Length
            ? throw new RefusedException(Refusal.Conflict("push.suggestion-range", from, to, text.Length))
            : [text.Suggest(ClientId(), updateId(0), userId.ToString("D"), at, from, to, insert, note)];

    /// <summary>Accepting or rejecting one suggestion; one that is not open is refused (<c>suggestion.not-open</c>).</summary>
    public static ServerEdit Decision(string suggestionId, bool accept, Guid userId) => (text, updateId, at) =>
        text.Decide(ClientId(), updateId(0), userId.ToString("D"), at, suggestionId, accept) is { } decision
            ? [decision]
            : throw new RefusedException(Refusal.Conflict("suggestion.not-open", suggestionId));

    /// <summary>Setting the note of one open suggestion (null clears it); one that is not open is refused (<c>suggestion.not-open</c>).</summary>
    public static ServerEdit Note(string suggestionId, string? note, Guid userId) => (text, updateId, at) =>
        text.Annotate(ClientId(), updateId(0), userId.ToString("D"), at, suggestionId, note) is { } noted
            ? [noted]
            : throw new RefusedException(Refusal.Conflict("suggestion.not-open", suggestionId));

    /// <summary>Accepting or rejecting every open suggestion, or every one by <paramref name="suggestedBy"/>.</summary>
    public static ServerEdit AllDecisions(bool accept, string? suggestedBy, Guid userId) => (text, updateId, at) =>
        text.DecideAll(ClientId(), updateId, userId.ToString("D"), at, accept, suggestedBy);

    public static string ClientId() => $"server-{Guid.NewGuid():N}";
}
