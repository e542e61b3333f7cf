using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;

namespace Newsroom.Application.Features.Users;

/// <summary>Who works here, for bylines, assignment pickers and @mentions: names and roles, nothing private.</summary>
public static class ListStaff
{
    public sealed record Query : IRequest<IReadOnlyList<StaffMember>>;

    /// <summary>A colleague; <c>Handle</c> is what to type after @ to mention them.</summary>
    public sealed record StaffMember(Guid Id, string DisplayName, string Handle, IReadOnlyList<string> Roles);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, IReadOnlyList<StaffMember>>
    {
        public async Task<IReadOnlyList<StaffMember>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var people = await db.Users.AsNoTracking()
                .OrderBy(u => u.DisplayName)
                .Select(u => new
                {
                    u.Id,
                    u.DisplayName,
                    u.Email,
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                })
                .ToListAsync(cancellationToken);
            return people
                .Select(p => new StaffMember(p.Id, p.DisplayName, p.Email![..p.Email!.IndexOf('@', StringComparison.Ordinal)], p.Roles))
                .ToList();
        }
    }
}
