using Newsroom.Domain.Collab;

namespace Newsroom.Application.Collab;

/// <summary>A push waiting for its text's next commit: updates made against <see cref="BaseVersion"/> and who sent them.</summary>
public sealed record PendingPush(int BaseVersion, IReadOnlyList<Update> Updates, Guid UserId, string UserName, int MaxLength)
{
    /// <summary>The text's version once this push is in it (its updates broadcast, or all of them already there).</summary>
    public TaskCompletionSource<int> Done { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
