using Microsoft.AspNetCore.Identity;

namespace Newsroom.Application.Data;

/// <summary>A newsroom account. Accounts are created by an administrator; nobody registers themselves.</summary>
public sealed class NewsroomUser : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxBioLength = 500;

    /// <summary>The name on bylines and presence avatars ("Layla Haddad").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The short author biography shown under bylines on the article page.</summary>
    public string Bio { get; set; } = "";

    /// <summary>The interface language this person chose ("en", "ar"); null until they choose.</summary>
    public string? InterfaceCulture { get; set; }

    /// <summary>Numbers and dates in Arabic-Indic digits (٠١٢٣) rather than 0123 when the interface is Arabic.</summary>
    public bool ArabicIndicDigits { get; set; }

    /// <summary>When an administrator disabled the account; null while it is active.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>SHA-256 (hex) of the one outstanding password-reset token; the token itself is never stored.</summary>
    public string? PasswordResetHash { get; set; }

    public DateTimeOffset? PasswordResetExpiresAt { get; set; }
}
