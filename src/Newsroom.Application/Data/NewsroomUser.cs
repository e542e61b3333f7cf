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
}
