using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Dashboard;

namespace Newsroom.Application.Features.Dashboard;

/// <summary>
/// Whether a display link opens a wall screen now, asked before any page is rendered: a wrong, revoked or expired
/// token gets a plain page, not a live circuit that re-reads the board on every story change.
/// </summary>
public static class CheckDisplayLink
{
    [AllowAnonymousRequest]
    public sealed record Query(string Token) : IRequest<bool>;

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock) : IRequestHandler<Query, bool>
    {
        public async Task<bool> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Token.Length is 0 or > 100)
            {
                return false;
            }

            var hash = DisplayLink.Hash(query.Token);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var link = await db.DisplayLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
            return link is not null && link.IsOpenAt(clock.GetUtcNow());
        }
    }
}
