using MediatR;

namespace Newsroom.Application.Collab;

/// <summary>
/// Updates committed to a live text, in version order from <paramref name="FromVersion"/>: one batch of pushes (or a
/// restored revision). Published by <see cref="GroupCommit"/> under the text's lock, so the hosts broadcast batches in order.
/// </summary>
public sealed record LiveTextUpdated(Guid StoryId, string Field, int FromVersion, UpdateBatch Updates) : INotification;
