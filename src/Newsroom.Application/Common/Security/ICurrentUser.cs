using System.Security.Claims;

namespace Newsroom.Application.Common.Security;

/// <summary>Who is sending the current request, as the pipeline and handlers see them.</summary>
public interface ICurrentUser
{
    Guid? Id { get; }

    /// <summary>The display name, for audit rows and messages a person reads.</summary>
    string Name { get; }

    bool IsAuthenticated { get; }

    bool IsInRole(string role);

    /// <summary>The account's security stamp when this person signed in, to tell whether that still stands.</summary>
    string? SecurityStamp { get; }
}

/// <summary>
/// Holds the principal the host put here: request middleware for HTTP, a circuit handler for Blazor, a hub filter
/// for SignalR. Application code never reaches for HttpContext, so the same requests run from any of them.
/// </summary>
public sealed class CurrentUser : ICurrentUser
{
    public const string DisplayNameClaim = "newsroom:display_name";

    public ClaimsPrincipal Principal { get; set; } = new(new ClaimsIdentity());

    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name =>
        Principal.FindFirstValue(DisplayNameClaim) ?? Principal.Identity?.Name ?? "anonymous";

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public bool IsInRole(string role) => Principal.IsInRole(role);

    // Identity's default claim type (IdentityOptions.ClaimsIdentity.SecurityStampClaimType), which the app never changes.
    public string? SecurityStamp => Principal.FindFirstValue("AspNet.Identity.SecurityStamp");
}
