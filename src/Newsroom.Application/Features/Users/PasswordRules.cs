using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Newsroom.Application.Common;
using Newsroom.Application.Data;

namespace Newsroom.Application.Features.Users;

/// <summary>Checks a new password against Identity's validators before anything is written.</summary>
internal static class PasswordRules
{
    public static async Task EnsureAcceptableAsync(
        UserManager<NewsroomUser> users, NewsroomUser user, string password, string field)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            errors.AddRange(check.Errors);
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors.Select(e => Failure(users.Options.Password, e, field)));
        }
    }

    // Identity words its password rules in English only; the ones our policy can raise carry a message, with the
    // number the rule needs, so the edge can say them in the reader's language. Any other stays as Identity wrote it.
    private static ValidationFailure Failure(PasswordOptions options, IdentityError error, string field) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) =>
            ValidationMessages.Failure(field, error.Description, "validation.password-too-short", options.RequiredLength),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) =>
            ValidationMessages.Failure(field, error.Description, "validation.password-unique-characters", options.RequiredUniqueChars),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => ValidationMessages.Failure(field, error.Description, "validation.password-digit"),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => ValidationMessages.Failure(field, error.Description, "validation.password-lower"),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => ValidationMessages.Failure(field, error.Description, "validation.password-upper"),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) =>
            ValidationMessages.Failure(field, error.Description, "validation.password-symbol"),
        _ => new ValidationFailure(field, error.Description),
    };
}
