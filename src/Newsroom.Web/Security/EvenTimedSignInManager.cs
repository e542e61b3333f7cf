using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Newsroom.Application.Data;

namespace Newsroom.Web.Security;

/// <summary>
/// Identity answers an unknown email, a locked-out or a disabled account at once, and a real account's wrong
/// password only after hashing it: the time taken told which emails have accounts, whatever the answer said. Here
/// every refusal costs one password hash, so all sign-in refusals take as long as a wrong password.
/// </summary>
internal sealed class EvenTimedSignInManager(
    UserManager<NewsroomUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<NewsroomUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<NewsroomUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<NewsroomUser> confirmation)
    : SignInManager<NewsroomUser>(users, context, claims, options, logger, schemes, confirmation)
{
    private static readonly NewsroomUser Nobody = new() { UserName = "nobody" };

    // Made once per process, not per request: hashing it again on every refusal would make a refusal cost two hashes,
    // twice a wrong password's time, which tells as much as no hash at all.
    private static string? s_nobodysHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is not { } user)
        {
            HashOnce(password);
            return SignInResult.Failed;
        }

        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Refused before the password was looked at.
            HashOnce(password);
        }

        return result;
    }

    private void HashOnce(string password)
    {
        var hash = s_nobodysHash ??= UserManager.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
