using Newsroom.Application.Features.Users;

namespace Newsroom.Web.Security;

/// <summary>Where a password-reset token is used: the page that sets the new password.</summary>
internal static class PasswordResetLinks
{
    public const string PagePath = "/account/reset-password";

    public static string PathFor(IssuePasswordReset.Result reset) =>
        $"{PagePath}?user={reset.UserId}&token={Uri.EscapeDataString(reset.Token)}";
}
