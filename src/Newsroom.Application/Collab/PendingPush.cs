using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>
/// Updates the server makes itself, on the text as it stands when their turn in a commit comes (a decision on a
/// suggestion, a suggestion sent through the API), so they see every update committed before them: given the
/// text's replica, the update id of the n-th update made, and the commit's time. Refuses by throwing a
/// <see cref="Domain.RefusedException"/>.
/// </summary>
public delegate IReadOnlyList<Update> ServerEdit(TrackedText text, Func<int, string> updateId, DateTimeOffset at);

/// <summary>A push waiting for its text's next commit: updates made against <see cref="BaseVersion"/> and who sent them.</summary>
public sealed record PendingPush(int BaseVersion, IReadOnlyList<Update> Updates, Guid UserId, string UserName, int MaxLength)
{
    /// <summary>The story makes everyone's edits suggestions now: an update that only inserts becomes one, and one that deletes is refused.</summary>
    public bool SuggestOnly { get; init; }

    /// <summary>When set, the updates are made on the text at the push's turn instead of being <see cref="Updates"/>.</summary>
    public ServerEdit? MadeOnTurn { get; init; }

    /// <summary>The client that sent it (the client id of its first update), or null for updates the server makes.</summary>
    public string? Source => MadeOnTurn is null && Updates.Count > 0 ? Updates[0].ClientId : null;

    /// <summary>The text's version once this push is in it (its updates broadcast, or all of them already there).</summary>
    public TaskCompletionSource<int> Done { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
