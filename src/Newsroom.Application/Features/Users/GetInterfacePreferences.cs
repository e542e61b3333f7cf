using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;

namespace Newsroom.Application.Features.Users;

/// <summary>The signed-in person's interface language and digits; a null culture means they never chose.</summary>
public static class GetInterfacePreferences
{
    public sealed record Query : IRequest<Preferences>;

    public sealed record Preferences(string? Culture, bool ArabicIndicDigits);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user) : IRequestHandler<Query, Preferences>
    {
        public async Task<Preferences> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = user.Id!.Value;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Users.AsNoTracking()
                .Where(u => u.Id == me)
                .Select(u => new Preferences(u.InterfaceCulture, u.ArabicIndicDigits))
                .SingleOrDefaultAsync(cancellationToken) ?? new Preferences(null, false);
        }
    }
}
