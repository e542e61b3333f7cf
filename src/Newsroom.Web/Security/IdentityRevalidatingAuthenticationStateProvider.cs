using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Newsroom.Application.Common.Security;

namespace Newsroom.Web.Security;

/// <summary>
/// A Blazor circuit can stay open for a whole shift. Re-checking the account as often as every other channel does
/// means a disabled or demoted account, or a changed password, ends the open page too: it goes to the sign-in page,
/// which says why.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, AccountAccess access)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => access.CheckEvery;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        await WithdrawnAccessMiddleware.WhyWithdrawnAsync(access, authenticationState.User, cancellationToken) is null;
}
