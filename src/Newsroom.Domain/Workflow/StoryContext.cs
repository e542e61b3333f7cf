namespace Newsroom.Domain.Workflow;

/// <summary>
/// What the rules need to know that the story itself does not hold: open comment threads, the time, everyone who has
/// words in the story's live texts now (<c>LiveWriters</c>, from their authorship) and how many suggestions in them
/// are still open.
/// </summary>
public sealed record StoryContext(
    int UnresolvedComments, DateTimeOffset Now, IReadOnlyCollection<Guid>? LiveWriters = null, int OpenSuggestions = 0)
{
    public bool WroteLive(Guid userId) => LiveWriters?.Contains(userId) == true;
}
