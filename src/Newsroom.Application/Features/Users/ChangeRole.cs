using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

/// <summary>
/// Gives an account a different role. Whatever it signed in with before carries the old role, so that stops
/// working at its next check and the person signs in again with the new one.
/// </summary>
public static class ChangeRole
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid UserId, string Role) : ICommand<Result>;

    public sealed record Result(Guid UserId, string PreviousRole, string Role);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Role)
            .Must(Roles.All.Contains)
            .Says($"Role must be one of: {string.Join(", ", Roles.All)}.", "validation.role-unknown", Roles.All);
    }

    public sealed class Handler(IServiceScopeFactory scopes) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var change = await AccountChange.BeginAsync(scopes, command.UserId, cancellationToken);
            var roles = await change.Users.GetRolesAsync(change.Account);
            var previous = roles.FirstOrDefault() ?? "";
            if (roles.Contains(Roles.Admin) && command.Role != Roles.Admin && change.Account.DisabledAt is null)
            {
                await change.EnsureAnotherActiveAdminAsync();
            }

            var changed = await change.Users.RemoveFromRolesAsync(change.Account, roles);
            if (changed.Succeeded)
            {
                changed = await change.Users.AddToRoleAsync(change.Account, command.Role);
            }

            if (!changed.Succeeded)
            {
                throw AccountRefusals.Field(nameof(Command.Role), changed.Errors.Select(e => e.Description));
            }

            await change.CommitAsync(cancellationToken);
            return new Result(change.Account.Id, previous, command.Role);
        }
    }
}
