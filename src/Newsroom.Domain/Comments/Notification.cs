namespace Newsroom.Domain.Comments;

public enum NotificationKind
{
    Assigned,
    Mentioned,
    StateChanged,
}

/// <summary>Something a person should know about a story: the bell in the header counts the unread ones.</summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public long Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid StoryId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public static Notification For(Guid userId, Guid storyId, NotificationKind kind, string text, DateTimeOffset now) =>
        new() { UserId = userId, StoryId = storyId, Kind = kind, Text = text, CreatedAt = now };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
