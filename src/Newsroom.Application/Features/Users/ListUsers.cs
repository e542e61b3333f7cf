using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

public static class ListUsers
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<UserRow>>;

    public sealed record UserRow(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, bool Disabled);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock)
        : IRequestHandler<Query, IReadOnlyList<UserRow>>
    {
        public async Task<IReadOnlyList<UserRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            return await db.Users.AsNoTracking()
                .OrderBy(u => u.DisplayName)
                .Select(u => new UserRow(
                    u.Id,
                    u.Email!,
                    u.DisplayName,
                    db.UserRoles.Where(ur => ur.UserId == u.Id)
                        .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                        .ToList(),
                    u.LockoutEnd != null && u.LockoutEnd > now,
                    u.DisabledAt != null))
                .ToListAsync(cancellationToken);
        }
    }
}
