namespace Newsroom.Domain.Workflow;

/// <summary>
/// What the rules need to know that the story itself does not hold: open comment threads, the time, and everyone the
/// live update log says typed into the story's texts (<c>LiveWriters</c>).
/// </summary>
public sealed record StoryContext(int UnresolvedComments, DateTimeOffset Now, IReadOnlyCollection<Guid>? LiveWriters = null)
{
    public bool WroteLive(Guid userId) => LiveWriters?.Contains(userId) == true;
}
