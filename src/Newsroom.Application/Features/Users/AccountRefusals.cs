using FluentValidation;
using FluentValidation.Results;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;

namespace Newsroom.Application.Features.Users;

/// <summary>Every refusal of an account change, in one place, so the wording and the kind are decided once.</summary>
internal static class AccountRefusals
{
    public static NotFoundException NoSuchAccount(Guid userId) => new($"Account {userId}");

    public static DomainRuleException LastActiveAdmin(string displayName) => new(
        $"{displayName} is the last active administrator. Make another account an administrator first, so someone can still manage accounts.");

    public static NotAllowedException ResetLinkNotValid() => new(
        "this password-reset link is not valid any more: it was used, replaced by a newer one, or is older than 24 hours. Ask an administrator for a new one.");

    public static ValidationException Field(string field, IEnumerable<string> messages) =>
        new(messages.Select(m => new ValidationFailure(field, m)));
}
