using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Users;
using Newsroom.Domain.Workflow;

namespace Newsroom.Application.Features.Comments;

/// <summary>Resolves or reopens a thread. While any thread is open, the story cannot be published.</summary>
public static class SettleThread
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, Guid CommentId, bool Resolved) : ICommand<Result>, IStoryCommand;

    public sealed record Result(Guid CommentId, bool Resolved, int UnresolvedThreads);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.StoryId, cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.story", command.StoryId));
            var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == command.CommentId && c.StoryId == command.StoryId, cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.comment"));
            var actor = Actor.From(user.Id!.Value, user.Name, user.IsInRole);
            if (!comment.MayBeSettledBy(actor, story))
            {
                throw new RefusedException(Refusal.Forbidden("comment.settle.not-yours"));
            }

            if (command.Resolved)
            {
                comment.Resolve(actor.UserId, clock.GetUtcNow());
            }
            else
            {
                comment.Reopen();
            }

            await db.SaveChangesAsync(cancellationToken);
            var open = await db.Comments.CountAsync(c => c.StoryId == command.StoryId && c.ParentId == null && !c.IsResolved, cancellationToken);
            return new Result(comment.Id, comment.IsResolved, open);
        }
    }
}
