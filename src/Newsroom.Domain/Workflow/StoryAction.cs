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
}

/// <summary>
/// Why an action is refused, in words for the person who tried it. <c>IsPermission</c> is true when it is about who
/// the person is (403), false when it is about the story's state (409).
/// </summary>
public sealed record Refusal(string Reason, bool IsPermission);
