using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Comments;

namespace Newsroom.Application.Features.Notifications;

/// <summary>The bell: how many unread, and the latest notifications for the signed-in person.</summary>
public static class GetMyNotifications
{
    public sealed record Query(int Take = 20) : IRequest<Bell>;

    public sealed record Bell(int Unread, IReadOnlyList<Item> Latest);

    /// <summary>A notification; <c>Message</c>, when there is one, is what the reader sees, rendered in their language.</summary>
    public sealed record Item(long Id, Guid StoryId, NotificationKind Kind, string Text, Message? Message, DateTimeOffset CreatedAt, bool IsRead);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user) : IRequestHandler<Query, Bell>
    {
        public async Task<Bell> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = user.Id!.Value;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
            var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
            var latest = await mine.OrderByDescending(n => n.Id).Take(Math.Clamp(query.Take, 1, 100))
                .Select(n => new Item(n.Id, n.StoryId, n.Kind, n.Text, n.Message, n.CreatedAt, n.ReadAt != null))
                .ToListAsync(cancellationToken);
            return new Bell(unread, latest);
        }
    }
}
