using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;

namespace Newsroom.Application.Features.Users;

/// <summary>Anyone signed in changes their own password, knowing the current one. Their other sessions end.</summary>
public static class ChangeMyPassword
{
    public sealed record Command(string CurrentPassword, string NewPassword) : ICommand<Result>;

    public sealed record Result(Guid UserId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Enter a new password.");
        }
    }

    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser user) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var change = await AccountChange.BeginAsync(scopes, user.Id!.Value, cancellationToken);
            var account = change.Account;
            if (!await change.Users.CheckPasswordAsync(account, command.CurrentPassword))
            {
                throw AccountRefusals.Field(nameof(Command.CurrentPassword), ["That is not your current password."]);
            }

            await PasswordRules.EnsureAcceptableAsync(change.Users, account, command.NewPassword, nameof(Command.NewPassword));
            account.PasswordHash = change.Users.PasswordHasher.HashPassword(account, command.NewPassword);
            await change.CommitAsync(cancellationToken);
            return new Result(account.Id);
        }
    }
}
