using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

/// <summary>A colleague's public face: the name and bio readers see under a byline.</summary>
public static class GetProfile
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Query(Guid UserId) : IRequest<Profile>;

    public sealed record Profile(Guid Id, string DisplayName, string Bio);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, Profile>
    {
        public async Task<Profile> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Users.AsNoTracking().Where(u => u.Id == query.UserId)
                .Select(u => new Profile(u.Id, u.DisplayName, u.Bio))
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.account", query.UserId));
        }
    }
}
