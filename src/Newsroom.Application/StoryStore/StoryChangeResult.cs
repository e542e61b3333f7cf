using Newsroom.Application.Common.Mediation;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.StoryStore;

/// <summary>The state of a story after a command changed it; <see cref="Version"/> is what the next write must quote.</summary>
public sealed record StoryChangeResult(Guid StoryId, StoryState State, int RevisionNumber, uint Version) : IStoryResult;
