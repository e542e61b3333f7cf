using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Newsroom.Web.Security;

/// <summary>
/// Signed, expiring preview links for unpublished stories. The signature stops anyone guessing their way to a draft;
/// the preview page also requires a newsroom sign-in, so a forwarded link shows nothing outside the newsroom.
/// </summary>
public sealed class PreviewLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Newsroom.ArticlePreview").ToTimeLimitedDataProtector();

    public string PathFor(Guid storyId, string slug) =>
        $"/articles/{slug}/preview?token={Uri.EscapeDataString(_protector.Protect(storyId.ToString("N"), clock.GetUtcNow() + Lifetime))}";

    /// <returns>The story the token was made for, or null when it is forged, altered or expired.</returns>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Guid.TryParseExact(_protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
