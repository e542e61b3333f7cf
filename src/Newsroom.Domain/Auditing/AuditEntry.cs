using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newsroom.Domain.Stories;

namespace Newsroom.Domain.Auditing;

public enum AuditOutcome
{
    Succeeded,
    Refused,
    Invalid,
    Failed,
}

/// <summary>
/// One command someone sent, whether it was allowed or not: who, what, when, the arguments that matter and what it
/// did to a story. Rows form a hash chain: each holds the hash of its own content and of the row before, so a row
/// changed, inserted or removed afterwards no longer matches (<see cref="Seal"/>, <see cref="IsSealedAfter"/>).
/// </summary>
public sealed class AuditEntry
{
    public const int MaxReasonLength = 2_000;
    public const int MaxDetailsLength = 4_000;
    public const int HashLength = 64;

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

    /// <summary>The arguments that matter and what changed (JSON): hold on or off, embargo time, byline before and after.</summary>
    public string? Details { get; private set; }

    /// <summary>The hash of the row before in the chain; null for the first.</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>SHA-256 (hex) of this row's content and <see cref="PreviousHash"/>; null only for rows from before the chain.</summary>
    public string? Hash { get; private set; }

    /// <summary>Joins the chain after the row whose hash is <paramref name="previousHash"/>.</summary>
    public void Seal(string? previousHash)
    {
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>Whether this row is intact and follows the row whose hash is <paramref name="previousHash"/>.</summary>
    public bool IsSealedAfter(string? previousHash) => PreviousHash == previousHash && Hash == ComputeHash();

    private string ComputeHash()
    {
        // One field a line, each with its name, in a fixed format: the same row always gives the same text.
        var content = new StringBuilder()
            .Append("at=").AppendLine(At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture))
            .Append("user=").AppendLine(UserId?.ToString())
            .Append("userName=").AppendLine(Escape(UserName))
            .Append("command=").AppendLine(Command)
            .Append("outcome=").AppendLine(Outcome.ToString())
            .Append("reason=").AppendLine(Escape(Reason))
            .Append("story=").AppendLine(StoryId?.ToString())
            .Append("from=").AppendLine(FromState?.ToString())
            .Append("to=").AppendLine(ToState?.ToString())
            .Append("revision=").AppendLine(RevisionNumber?.ToString(CultureInfo.InvariantCulture))
            .Append("details=").AppendLine(Escape(Details))
            .Append("previous=").Append(PreviousHash)
            .ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    // A line break inside a field must not be able to fake the next field's line.
    private static string? Escape(string? value) => value?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    public static AuditEntry Record(
        DateTimeOffset at,
        Guid? userId,
        string userName,
        string command,
        AuditOutcome outcome,
        string? reason = null,
        StorySnapshot? before = null,
        StorySnapshot? after = null,
        string? details = null) => new()
        {
            // PostgreSQL keeps microseconds: the hash must be of what is stored.
            At = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero),
            Details = details is { Length: > MaxDetailsLength } ? details[..(MaxDetailsLength - 1)] + "…" : details,
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
