using Newsroom.Application.Common.Instances;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.StoryStore;

/// <summary>Published after a change to a story has been committed, never before: listeners see only what stays.</summary>
public sealed record StoryChanged(
    Guid StoryId,
    string Slug,
    string Headline,
    StoryState State,
    StoryState? FromState = null,
    Guid? ActorId = null,
    string? ActorName = null) : IInstanceNews;
