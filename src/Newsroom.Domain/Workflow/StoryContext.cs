namespace Newsroom.Domain.Workflow;

/// <summary>What the rules need to know that the story itself does not hold.</summary>
public sealed record StoryContext(int UnresolvedComments, DateTimeOffset Now);
