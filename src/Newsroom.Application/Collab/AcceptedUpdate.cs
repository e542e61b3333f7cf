using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// An accepted update as clients receive it: who made it, exactly <c>ChangeSet.toJSON()</c>, and what it means for
/// suggestions and authorship (every accepted update carries its tracking).
/// </summary>
public sealed record AcceptedUpdate(string ClientId, IReadOnlyList<object> Changes, UpdateTracking Tracking)
{
    /// <param name="update">An update as the live core holds it, its tracking filled by the server.</param>
    /// <param name="authorName">The display name of its author.</param>
    public static AcceptedUpdate From(Update update, string authorName) =>
        new(update.ClientId, update.Changes.ToJson(), UpdateTracking.From(
            update.Tracking ?? throw new InvalidOperationException("An accepted update carries its tracking."), authorName));
}
