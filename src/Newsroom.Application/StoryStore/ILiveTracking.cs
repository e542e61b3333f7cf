using Newsroom.Application.Data;

namespace Newsroom.Application.StoryStore;

/// <summary>
/// What the workflow's rules read from a story's live texts beside their content: who has words in them now and how
/// many suggestions are still open. Implemented by <c>Features/Suggestions/LiveTracking</c> over the live core;
/// declared here so that a story change does not depend on that feature. Read it before taking the story's row lock:
/// the live core takes a text's lock, and a push holding one may be waiting for the story's row.
/// </summary>
public interface ILiveTracking
{
    Task<LiveTrackingFacts> ReadAsync(NewsroomDbContext db, Guid storyId, CancellationToken cancellationToken);
}

/// <summary>Everyone whose words are in the story's live texts now, and the open suggestions in them.</summary>
public sealed record LiveTrackingFacts(IReadOnlyCollection<Guid> Writers, int OpenSuggestions)
{
    public static LiveTrackingFacts None { get; } = new([], 0);
}
