using System.Security.Cryptography;
using System.Text;

namespace Newsroom.Application.Features.Users;

/// <summary>
/// One-time password-reset tokens: 256 random bits, given to the administrator once; only their SHA-256 is kept,
/// so a copy of the database lets nobody reset a password.
/// </summary>
internal static class PasswordResetTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string Create() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string token, string? storedHash) =>
        storedHash is { Length: 64 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
