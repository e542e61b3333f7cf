using Newsroom.Domain.Collab;

namespace Newsroom.Application.StoryStore;

/// <summary>
/// The texts being written live, as a story change needs them: what each field holds now, and telling them the story
/// has caught up. Implemented by <c>Collab/LiveTexts</c>; declared here so that saving
/// a story does not depend on a feature that itself announces story changes.
/// </summary>
public interface ILiveTexts
{
    Task<(int Version, string Text)> JoinAsync(Guid storyId, string field, CancellationToken cancellationToken);

    /// <summary>What the field holds now and who wrote each code unit of it (runs of length and author id), for a revision to keep.</summary>
    Task<(int Version, string Text, IReadOnlyList<Run<string>> Authorship)> ReadAsync(Guid storyId, string field, CancellationToken cancellationToken);

    Task MarkSavedAsync(Guid storyId, string field, int savedVersion, CancellationToken cancellationToken);
}
