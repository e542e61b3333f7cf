using Newsroom.Application.Collab;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;

namespace Newsroom.Application.Features.Suggestions;

/// <summary>
/// What the workflow's rules read from a story's live texts (<see cref="ILiveTracking"/>): everyone the authorship of
/// any live field names now, and the open suggestions in all of them. Fields not being written live have neither.
/// </summary>
public sealed class LiveTracking(LiveTexts texts) : ILiveTracking
{
    public async Task<LiveTrackingFacts> ReadAsync(NewsroomDbContext db, Guid storyId, CancellationToken cancellationToken)
    {
        var writers = new HashSet<Guid>();
        var open = 0;
        foreach (var field in await LiveFieldsOfStory.ReadAsync(db, storyId, cancellationToken))
        {
            var snapshot = await texts.TrackedAsync(storyId, field, cancellationToken);
            foreach (var run in snapshot.Tracked.Authorship.Runs)
            {
                if (Guid.TryParse(run.Value, out var writer))
                {
                    writers.Add(writer);
                }
            }

            open += snapshot.Tracked.Suggestions.Count;
        }

        return new LiveTrackingFacts(writers, open);
    }
}
