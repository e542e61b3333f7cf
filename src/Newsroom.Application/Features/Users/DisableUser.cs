using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

/// <summary>
/// Takes an account's access away: it can no longer sign in, and what it already holds (cookie, tokens, open pages
/// and hub connections) stops working at its next check.
/// </summary>
public static class DisableUser
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid UserId) : ICommand<AccountStatus>;

    public sealed class Handler(IServiceScopeFactory scopes, TimeProvider clock) : IRequestHandler<Command, AccountStatus>
    {
        public async Task<AccountStatus> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var change = await AccountChange.BeginAsync(scopes, command.UserId, cancellationToken);
            var account = change.Account;
            if (account.DisabledAt is null)
            {
                if (await change.RoleAsync() == Roles.Admin)
                {
                    await change.EnsureAnotherActiveAdminAsync();
                }

                account.DisabledAt = clock.GetUtcNow();
                // Identity's own sign-in check refuses a locked-out account, so no sign-in path can forget this one.
                account.LockoutEnabled = true;
                account.LockoutEnd = DateTimeOffset.MaxValue;
                account.PasswordResetHash = null;
                account.PasswordResetExpiresAt = null;
            }

            await change.CommitAsync(cancellationToken);
            return new AccountStatus(account.Id, await change.RoleAsync(), Disabled: true);
        }
    }
}
