namespace Newsroom.Domain.Stories;

/// <summary>
/// Whether a story makes everyone's live edits suggestions now: its editor set it so, and it is In review. The live
/// core asks this on join and push; the hub tells open editors when the answer changes.
/// </summary>
public static class SuggestOnly
{
    public static bool Applies(Story story) => Applies(story.State, story.SuggestOnlyInReview);

    /// <summary>The same rule from the two columns alone, for the push path that reads no whole story.</summary>
    public static bool Applies(StoryState state, bool suggestOnlyInReview) => suggestOnlyInReview && state == StoryState.InReview;
}
