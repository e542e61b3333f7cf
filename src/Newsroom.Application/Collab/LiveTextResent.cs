using MediatR;

namespace Newsroom.Application.Collab;

/// <summary>
/// A text's latest accepted updates, from <paramref name="FromVersion"/>, sent again to this instance's own editors
/// in it (<see cref="ResendLatestUpdates"/>); every instance resends to its own, so this never crosses the backplane.
/// </summary>
public sealed record LiveTextResent(Guid StoryId, string Field, int FromVersion, UpdateBatch Updates) : INotification;
