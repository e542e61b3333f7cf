using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;

namespace Newsroom.Application.Features.Users;

/// <summary>
/// Sets a new password with a reset link, signed out. The link works once: using it clears it, and the new
/// security stamp ends every session that knew the old password.
/// </summary>
public static class ResetPassword
{
    [AllowAnonymousRequest]
    public sealed record Command(Guid UserId, string Token, string NewPassword) : ICommand<Result>;

    public sealed record Result(Guid UserId, string Email);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().MaximumLength(100);
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Enter a new password.");
        }
    }

    public sealed class Handler(IServiceScopeFactory scopes, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            AccountChange change;
            try
            {
                change = await AccountChange.BeginAsync(scopes, command.UserId, cancellationToken);
            }
            catch (RefusedException e) when (e.Refusal.Kind == RefusalKind.NotFound)
            {
                // An unknown account gets the same answer as a wrong token: the link says nothing about who exists.
                throw AccountRefusals.ResetLinkNotValid();
            }

            await using (change)
            {
                var account = change.Account;
                if (account.DisabledAt is not null
                    || account.PasswordResetExpiresAt is not { } expires || expires <= clock.GetUtcNow()
                    || !PasswordResetTokens.Matches(command.Token, account.PasswordResetHash))
                {
                    throw AccountRefusals.ResetLinkNotValid();
                }

                await PasswordRules.EnsureAcceptableAsync(change.Users, account, command.NewPassword, nameof(Command.NewPassword));
                account.PasswordHash = change.Users.PasswordHasher.HashPassword(account, command.NewPassword);
                account.PasswordResetHash = null;
                account.PasswordResetExpiresAt = null;
                account.LockoutEnd = null;
                account.AccessFailedCount = 0;
                await change.CommitAsync(cancellationToken);
                return new Result(account.Id, account.Email!);
            }
        }
    }
}
