namespace Newsroom.Domain.Workflow;

/// <summary>Everything a person can do to a story; the workspace shows one button per action.</summary>
public enum StoryAction
{
    Edit,
    SaveVersion,
    RestoreRevision,
    SubmitForReview,
    RequestChanges,
    Approve,
    Publish,
    Unpublish,
    Correct,
    Spike,
    Restore,
    Assign,
    SetByline,
    SetLegalHold,
    SetEmbargo,
    SetSuggestOnly,
}
