using FluentValidation;
using FluentValidation.Results;
using Newsroom.Domain;

namespace Newsroom.Application.Features.Users;

/// <summary>Every refusal of an account change, in one place, so the wording and the kind are decided once.</summary>
internal static class AccountRefusals
{
    public static RefusedException NoSuchAccount(Guid userId) => new(Refusal.NotFound("not-found.account", userId));

    public static RefusedException LastActiveAdmin(string displayName) => new(Refusal.Conflict("account.last-active-admin", displayName));

    public static RefusedException ResetLinkNotValid() => new(Refusal.Forbidden("account.reset-link-invalid"));

    public static ValidationException Field(string field, IEnumerable<string> messages) =>
        new(messages.Select(m => new ValidationFailure(field, m)));
}
