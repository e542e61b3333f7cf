using Microsoft.AspNetCore.Identity;

namespace Newsroom.Application.Common.Security;

/// <summary>Password and lockout rules, shared by the web host and the tests so both enforce the same ones.</summary>
public static class IdentityPolicy
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Configure(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 12;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        // Accounts are made by an administrator who vouches for the address; there is no e-mail round trip.
        options.SignIn.RequireConfirmedAccount = false;
    }
}
