namespace Newsroom.Domain.Stories;

public enum StoryState
{
    Draft,
    InReview,
    ChangesRequested,
    Approved,
    Scheduled,
    Published,
    Corrected,
    Unpublished,
    Spiked,
}
