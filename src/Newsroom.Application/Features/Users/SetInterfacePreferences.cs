using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;

namespace Newsroom.Application.Features.Users;

/// <summary>
/// Keeps the signed-in person's interface language and digits on their profile, so every browser they sign in on
/// opens in it. Only their own: the command carries no user id.
/// </summary>
public static class SetInterfacePreferences
{
    public sealed record Command(string Culture, bool ArabicIndicDigits) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Culture)
            .Must(InterfaceLanguages.IsSupported)
            .Says($"Choose an interface language Newsroom speaks: {string.Join(" or ", InterfaceLanguages.All)}.", "validation.interface-language-unknown", InterfaceLanguages.All);
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = user.Id!.Value;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(set => set
                .SetProperty(u => u.InterfaceCulture, command.Culture)
                .SetProperty(u => u.ArabicIndicDigits, command.ArabicIndicDigits), cancellationToken);
            return Unit.Value;
        }
    }
}
