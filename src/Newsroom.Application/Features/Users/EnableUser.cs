using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

/// <summary>Gives a disabled account its access back (its password is unchanged; failed sign-ins start from zero).</summary>
public static class EnableUser
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid UserId) : ICommand<AccountStatus>;

    public sealed class Handler(IServiceScopeFactory scopes) : IRequestHandler<Command, AccountStatus>
    {
        public async Task<AccountStatus> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var change = await AccountChange.BeginAsync(scopes, command.UserId, cancellationToken);
            var account = change.Account;
            account.DisabledAt = null;
            account.LockoutEnd = null;
            account.AccessFailedCount = 0;
            await change.CommitAsync(cancellationToken);
            return new AccountStatus(account.Id, await change.RoleAsync(), Disabled: false);
        }
    }
}
