namespace Newsroom.Application.StoryStore;

/// <summary>
/// The texts being written live, as a story change needs them: what each field holds now, and telling them the story
/// has caught up. Implemented by <c>Collab/LiveTexts</c>; declared here so that saving
/// a story does not depend on a feature that itself announces story changes.
/// </summary>
public interface ILiveTexts
{
    Task<(int Version, string Text)> JoinAsync(Guid storyId, string field, CancellationToken cancellationToken);

    Task MarkSavedAsync(Guid storyId, string field, int savedVersion, CancellationToken cancellationToken);
}
