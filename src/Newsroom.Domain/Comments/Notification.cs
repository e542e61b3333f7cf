using Newsroom.Domain.Stories;

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
    public const int MaxTextLength = 500;

    /// <summary>What happened, as a <see cref="Domain.Message"/> rendered in the recipient's language; null on notifications from before.</summary>
    public Message? Message { get; private set; }

    /// <summary>The message in code form (for logs and SQL), or on older notifications the English sentence they were given.</summary>
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public static Notification For(Guid userId, Guid storyId, NotificationKind kind, Message message, DateTimeOffset now)
    {
        var text = message.ToString();
        return new()
        {
            UserId = userId,
            StoryId = storyId,
            Kind = kind,
            Message = message,
            Text = text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…",
            CreatedAt = now,
        };
    }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    /// <summary>A story the person is on moved to <paramref name="state"/>, by someone or (null) by the newsroom's own timer.</summary>
    public static Message StateChanged(string headline, StoryState state, string? by) =>
        by is null
            ? Message.Of("notification.state-changed.newsroom", headline, state)
            : Message.Of("notification.state-changed", headline, state, by);

    public static Message Assigned(string by, string headline) => Message.Of("notification.assigned", by, headline);

    public static Message Mentioned(string by, string headline) => Message.Of("notification.mentioned", by, headline);
}
