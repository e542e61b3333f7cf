using System.Security.Cryptography;
using System.Text;

namespace Newsroom.Domain.Dashboard;

/// <summary>
/// A link that opens the wall screen on a newsroom TV without signing in. Only the token's hash is kept, so a
/// copy of the database opens no screen; an administrator revokes a link and the screen stops showing anything.
/// </summary>
public sealed class DisplayLink
{
    public const int MaxNameLength = 100;

    private DisplayLink()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastSeenAt { get; private set; }

    /// <summary>When the link stops working by itself; null for a screen that stays up until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The one desk the screen shows; null for every desk.</summary>
    public string? Desk { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Whether the link opens its screen at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsOpenAt(DateTimeOffset now) => !IsRevoked && (ExpiresAt is null || ExpiresAt > now);

    /// <returns>The link and its token: the token is shown once, to the administrator who made it.</returns>
    public static (DisplayLink Link, string Token) Create(
        string name, Guid by, DateTimeOffset now, DateTimeOffset? expiresAt = null, string? desk = null)
    {
        // 32 random bytes: unguessable, and short enough to type into a TV browser if it comes to that.
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (ForToken(name, token, by, now, expiresAt, desk), token);
    }

    /// <summary>
    /// A link whose token is known beforehand: the demo newsroom's wall screen, whose address is printed at every
    /// start, as its demo passwords are. Never for a real screen: anyone who reads the token opens it.
    /// </summary>
    public static DisplayLink ForPublicToken(string name, string token, Guid by, DateTimeOffset now) =>
        ForToken(name, token, by, now);

    private static DisplayLink ForToken(
        string name, string token, Guid by, DateTimeOffset now, DateTimeOffset? expiresAt = null, string? desk = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RefusedException(Refusal.Conflict("display-link.needs-name"));
        }

        if (expiresAt <= now)
        {
            throw new RefusedException(Refusal.Invalid("display-link.expiry-in-past"));
        }

        return new DisplayLink
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            TokenHash = Hash(token),
            CreatedBy = by,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Desk = string.IsNullOrWhiteSpace(desk) ? null : desk.Trim(),
        };
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void Seen(DateTimeOffset now) => LastSeenAt = now;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
