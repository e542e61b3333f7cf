using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>An accepted update as clients receive it: who made it and exactly <c>ChangeSet.toJSON()</c>.</summary>
public sealed record AcceptedUpdate(string ClientId, IReadOnlyList<object> Changes)
{
    public static AcceptedUpdate From(Update update) => new(update.ClientId, update.Changes.ToJson());
}
