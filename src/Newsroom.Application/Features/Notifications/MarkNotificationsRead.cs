using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;

namespace Newsroom.Application.Features.Notifications;

/// <summary>Marks the signed-in person's notifications read; nobody can touch another person's.</summary>
public static class MarkNotificationsRead
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = user.Id!.Value;
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        }
    }
}
