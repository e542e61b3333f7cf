using System.Text.RegularExpressions;

namespace Newsroom.Domain.Comments;

/// <summary>
/// Where in the text a comment points: a range of one field, as it stood in one revision and, when the field is
/// written live, at one live version (so the range can follow the text as people type).
/// </summary>
public sealed record CommentAnchor(string Field, int From, int To, int RevisionNumber, int? LiveVersion = null);

/// <summary>
/// An editor's or reporter's note on a story: on the whole story or anchored to a range of a field. Top-level
/// comments open a thread that can be resolved and reopened; while any thread is open, the story cannot be published.
/// </summary>
public sealed partial class EditorialComment
{
    public const int MaxBodyLength = 4_000;
    public static readonly IReadOnlyList<string> Fields = ["headline", "standfirst", "body"];

    private EditorialComment()
    {
    }

    public Guid Id { get; private set; }
    public Guid StoryId { get; private set; }
    public Guid? ParentId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string Body { get; private set; } = "";
    public string? AnchorField { get; private set; }
    public int? AnchorFrom { get; private set; }
    public int? AnchorTo { get; private set; }
    public int? AnchorRevision { get; private set; }
    public int? AnchorLiveVersion { get; private set; }
    public Guid[] MentionedUserIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public bool IsResolved { get; private set; }
    public Guid? ResolvedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    public CommentAnchor? Anchor =>
        AnchorField is null ? null : new CommentAnchor(AnchorField, AnchorFrom!.Value, AnchorTo!.Value, AnchorRevision!.Value, AnchorLiveVersion);

    public static EditorialComment Start(
        Guid storyId, Guid authorId, string body, CommentAnchor? anchor, IReadOnlyCollection<Guid> mentioned, DateTimeOffset now)
    {
        var comment = New(storyId, null, authorId, body, mentioned, now);
        if (anchor is not null)
        {
            comment.AnchorField = anchor.Field;
            comment.AnchorFrom = anchor.From;
            comment.AnchorTo = anchor.To;
            comment.AnchorRevision = anchor.RevisionNumber;
            comment.AnchorLiveVersion = anchor.LiveVersion;
        }

        return comment;
    }

    /// <summary>
    /// The same range of the live text, as of a later <paramref name="liveVersion"/> (the updates between them are
    /// leaving the log): where it is then, so it keeps mapping through what comes after.
    /// </summary>
    public void Reanchor(int liveVersion, int from, int to)
    {
        if (AnchorLiveVersion is not { } version || liveVersion < version)
        {
            throw new InvalidOperationException("Only a live anchor moves, and only forward.");
        }

        AnchorLiveVersion = liveVersion;
        AnchorFrom = from;
        AnchorTo = to;
    }

    public EditorialComment Reply(Guid authorId, string body, IReadOnlyCollection<Guid> mentioned, DateTimeOffset now)
    {
        if (ParentId is not null)
        {
            throw new RefusedException(Refusal.Conflict("comment.reply.one-level"));
        }

        return New(StoryId, Id, authorId, body, mentioned, now);
    }

    /// <summary>Who may close or reopen a thread: its author, the story's people, and editors.</summary>
    public bool MayBeSettledBy(Workflow.Actor actor, Stories.Story story) =>
        actor.IsEditor || actor.UserId == AuthorId || story.IsBylined(actor.UserId) || story.IsAssigned(actor.UserId);

    public void Resolve(Guid by, DateTimeOffset now)
    {
        EnsureThread();
        if (IsResolved)
        {
            throw new RefusedException(Refusal.Conflict("comment.thread.already-resolved"));
        }

        (IsResolved, ResolvedBy, ResolvedAt) = (true, by, now);
    }

    public void Reopen()
    {
        EnsureThread();
        if (!IsResolved)
        {
            throw new RefusedException(Refusal.Conflict("comment.thread.already-open"));
        }

        (IsResolved, ResolvedBy, ResolvedAt) = (false, null, null);
    }

    /// <summary>The handles written as @name in a comment ("@layla.haddad"), for the notifications they send.</summary>
    public static IReadOnlyList<string> MentionHandles(string body) =>
        MentionPattern().Matches(body).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();

    private static EditorialComment New(
        Guid storyId, Guid? parentId, Guid authorId, string body, IReadOnlyCollection<Guid> mentioned, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new RefusedException(Refusal.Conflict("comment.needs-text"));
        }

        return new EditorialComment
        {
            Id = Guid.CreateVersion7(now),
            StoryId = storyId,
            ParentId = parentId,
            AuthorId = authorId,
            Body = body.Trim(),
            MentionedUserIds = mentioned.Distinct().ToArray(),
            CreatedAt = now,
        };
    }

    private void EnsureThread()
    {
        if (ParentId is not null)
        {
            throw new RefusedException(Refusal.Conflict("comment.settle.reply"));
        }
    }

    [GeneratedRegex(@"(?<![\w.])@([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])")]
    private static partial Regex MentionPattern();
}
