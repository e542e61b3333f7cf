using Microsoft.AspNetCore.Components;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;

namespace Newsroom.Web.Security;

/// <summary>
/// An open page whose account loses access meets it at its next command, often before the circuit's own check
/// (<see cref="IdentityRevalidatingAuthenticationStateProvider"/>) comes round: it goes where an HTTP request would,
/// to the sign-in page, which says why, rather than ending the circuit with an error.
/// </summary>
internal static class WithdrawnAccessNavigation
{
    public static bool IsAccessWithdrawn(Exception e) =>
        e is RefusedException { Refusal.Code: AccountAccess.Disabled or AccountAccess.Changed or AccountAccess.Gone };

    /// <returns>Whether <paramref name="e"/> was access withdrawn, and the page is on its way to the sign-in page.</returns>
    public static bool SentToSignInPage(this NavigationManager navigation, Exception e)
    {
        if (!IsAccessWithdrawn(e))
        {
            return false;
        }

        // A full load: the sign-in page's request meets WithdrawnAccessMiddleware, which ends the cookie too.
        navigation.NavigateTo($"/account/login?{WithdrawnAccessMiddleware.SignInPageFlag}=true", forceLoad: true);
        return true;
    }
}
