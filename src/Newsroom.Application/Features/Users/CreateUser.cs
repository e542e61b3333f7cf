using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

/// <summary>The only way an account comes to exist: an administrator makes it.</summary>
public static class CreateUser
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(string Email, string DisplayName, string Role, string Password, string? Bio = null)
        : ICommand<Result>;

    public sealed record Result(Guid UserId, string Email);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256);
            RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(NewsroomUser.MaxDisplayNameLength);
            RuleFor(c => c.Role)
                .Must(Roles.All.Contains)
                .Says($"Role must be one of: {string.Join(", ", Roles.All)}.", "validation.role-unknown", Roles.All);
            RuleFor(c => c.Password).NotEmpty();
            RuleFor(c => c.Bio).MaximumLength(NewsroomUser.MaxBioLength);
        }
    }

    /// <remarks>
    /// UserManager sits on a scoped DbContext; in a Blazor circuit that scope lives as long as the page. A scope per
    /// command keeps one context per operation here as everywhere else.
    /// </remarks>
    public sealed class Handler(IServiceScopeFactory scopes) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsroomUser>>();
            if (await users.FindByEmailAsync(command.Email) is not null)
            {
                throw new ValidationException(
                    [ValidationMessages.Failure(nameof(Command.Email), $"An account for {command.Email} already exists.", "validation.account-exists", command.Email)]);
            }

            var user = new NewsroomUser
            {
                UserName = command.Email,
                Email = command.Email,
                EmailConfirmed = true,
                DisplayName = command.DisplayName.Trim(),
                Bio = command.Bio?.Trim() ?? "",
            };

            // Check the password before writing anything, so a weak one leaves no half-made account behind.
            await PasswordRules.EnsureAcceptableAsync(users, user, command.Password, nameof(Command.Password));

            var created = await users.CreateAsync(user, command.Password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, command.Role);
            }

            if (!created.Succeeded)
            {
                throw new ValidationException(created.Errors.Select(e =>
                    new ValidationFailure(nameof(Command.Email), e.Description)));
            }

            return new Result(user.Id, user.Email);
        }
    }
}
