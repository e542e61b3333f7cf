using Newsroom.Domain.Stories;

namespace Newsroom.Domain.Auditing;

public enum AuditOutcome
{
    Succeeded,
    Refused,
    Invalid,
    Failed,
}

/// <summary>One command someone sent, whether it was allowed or not: who, what, when, and what it did to a story.</summary>
public sealed class AuditEntry
{
    public const int MaxReasonLength = 2_000;

    private AuditEntry()
    {
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string Command { get; private set; } = "";
    public AuditOutcome Outcome { get; private set; }
    public string? Reason { get; private set; }
    public Guid? StoryId { get; private set; }
    public StoryState? FromState { get; private set; }
    public StoryState? ToState { get; private set; }
    public int? RevisionNumber { get; private set; }

    public static AuditEntry Record(
        DateTimeOffset at,
        Guid? userId,
        string userName,
        string command,
        AuditOutcome outcome,
        string? reason = null,
        StorySnapshot? before = null,
        StorySnapshot? after = null) => new()
        {
            At = at,
            UserId = userId,
            UserName = userName,
            Command = command,
            Outcome = outcome,
            Reason = reason,
            StoryId = after?.StoryId ?? before?.StoryId,
            FromState = before?.State,
            ToState = (after ?? before)?.State,
            RevisionNumber = (after ?? before)?.RevisionNumber,
        };
}

/// <summary>A story's state and latest revision at one moment, as the audit log records it.</summary>
public sealed record StorySnapshot(Guid StoryId, StoryState State, int RevisionNumber);
