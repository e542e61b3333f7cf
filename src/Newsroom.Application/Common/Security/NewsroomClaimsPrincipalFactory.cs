using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Newsroom.Application.Data;

namespace Newsroom.Application.Common.Security;

/// <summary>Adds the display name to the sign-in, so audit rows and presence need no user lookup.</summary>
public sealed class NewsroomClaimsPrincipalFactory(
    UserManager<NewsroomUser> userManager, RoleManager<IdentityRole<Guid>> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<NewsroomUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(NewsroomUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
