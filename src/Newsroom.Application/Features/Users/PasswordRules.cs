using Microsoft.AspNetCore.Identity;
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
            throw AccountRefusals.Field(field, errors.Select(e => e.Description));
        }
    }
}
