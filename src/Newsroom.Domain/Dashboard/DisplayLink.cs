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

    public bool IsRevoked => RevokedAt is not null;

    /// <returns>The link and its token: the token is shown once, to the administrator who made it.</returns>
    public static (DisplayLink Link, string Token) Create(string name, Guid by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RefusedException(Refusal.Conflict("display-link.needs-name"));
        }

        // 32 random bytes: unguessable, and short enough to type into a TV browser if it comes to that.
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var link = new DisplayLink
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            TokenHash = Hash(token),
            CreatedBy = by,
            CreatedAt = now,
        };
        return (link, token);
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void Seen(DateTimeOffset now) => LastSeenAt = now;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
