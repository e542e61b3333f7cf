using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

/// <summary>
/// With no mail server, an administrator gets a one-time link to hand over; it replaces any earlier one and works
/// for 24 hours. The token is in the result only: it is shown once and stored as a hash.
/// </summary>
public static class IssuePasswordReset
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid UserId) : ICommand<Result>;

    public sealed record Result(Guid UserId, string Token, DateTimeOffset ExpiresAt);

    public sealed class Handler(IServiceScopeFactory scopes, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var change = await AccountChange.BeginAsync(scopes, command.UserId, cancellationToken);
            var token = PasswordResetTokens.Create();
            var expiresAt = clock.GetUtcNow() + PasswordResetTokens.Lifetime;
            change.Account.PasswordResetHash = PasswordResetTokens.Hash(token);
            change.Account.PasswordResetExpiresAt = expiresAt;
            await change.CommitAsync(cancellationToken, endSessions: false);
            return new Result(change.Account.Id, token, expiresAt);
        }
    }
}
