namespace Newsroom.Domain.Publishing;

public enum ReaderCommentStatus
{
    /// <summary>Waiting for an editor: every comment starts here and nobody but the newsroom sees it.</summary>
    Held,
    Approved,
    Spam,
    Trash,
}

/// <summary>
/// A reader's comment under a published article. The email is for the newsroom only (to reply or to block);
/// it is never shown on the page.
/// </summary>
public sealed class ReaderComment
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 256;
    public const int MaxBodyLength = 5_000;

    private ReaderComment()
    {
    }

    public Guid Id { get; private set; }
    public Guid StoryId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string Body { get; private set; } = "";
    public ReaderCommentStatus Status { get; private set; }
    public DateTimeOffset PostedAt { get; private set; }
    public Guid? ModeratedBy { get; private set; }
    public DateTimeOffset? ModeratedAt { get; private set; }

    public static ReaderComment Hold(Guid storyId, string name, string email, string body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(body))
        {
            throw new RefusedException(Refusal.Conflict("reader-comment.incomplete"));
        }

        return new ReaderComment
        {
            Id = Guid.CreateVersion7(now),
            StoryId = storyId,
            AuthorName = name.Trim(),
            Email = email.Trim(),
            Body = body.Trim(),
            Status = ReaderCommentStatus.Held,
            PostedAt = now,
        };
    }

    public void Moderate(ReaderCommentStatus status, Guid by, DateTimeOffset now)
    {
        if (status == ReaderCommentStatus.Held)
        {
            throw new RefusedException(Refusal.Conflict("reader-comment.moderation.unknown"));
        }

        Status = status;
        ModeratedBy = by;
        ModeratedAt = now;
    }
}
