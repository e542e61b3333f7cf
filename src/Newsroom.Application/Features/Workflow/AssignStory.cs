using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>An editor puts reporters on a story and names the editor who reviews it.</summary>
public static class AssignStory
{
    public const int MaxReporters = 10;

    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, IReadOnlyList<Guid> ReporterIds, Guid? ReviewerId)
        : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IDbContextFactory<NewsroomDbContext> dbFactory)
        {
            RuleFor(c => c.ReporterIds).NotNull().Must(ids => ids.Count <= MaxReporters)
                .Says($"Assign at most {MaxReporters} reporters.", "validation.too-many-reporters", MaxReporters);
            RuleFor(c => c.ReporterIds)
                .MustAsync(async (ids, ct) => await CountInRolesAsync(dbFactory, ids, [Roles.Reporter], ct) == ids.Distinct().Count())
                .WithMessage("Every assigned reporter must be an account with the Reporter role.")
                .When(c => c.ReporterIds is not null);
            RuleFor(c => c.ReviewerId)
                .MustAsync(async (id, ct) => await CountInRolesAsync(dbFactory, [id!.Value], [Roles.Editor, Roles.Admin], ct) == 1)
                .WithMessage("The reviewer must be an account with the Editor or Admin role.")
                .When(c => c.ReviewerId is not null);
        }

        private static async Task<int> CountInRolesAsync(
            IDbContextFactory<NewsroomDbContext> dbFactory, IReadOnlyList<Guid> userIds, string[] roles, CancellationToken ct)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.UserRoles
                .Where(ur => userIds.Contains(ur.UserId))
                .Join(db.Roles.Where(r => roles.Contains(r.Name!)), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
                .Distinct()
                .CountAsync(ct);
        }
    }

    public sealed class Handler(StoryTransaction changes, IMediator mediator) : IRequestHandler<Command, StoryChangeResult>
    {
        public async Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken)
        {
            List<Guid> newlyAssigned = [];
            var headline = "";
            var result = await changes.ApplyAsync(command.StoryId, (story, actor, context) =>
            {
                var before = story.AssignedReporterIds.Append(story.ReviewerId ?? Guid.Empty).ToHashSet();
                story.Assign(command.ReporterIds, command.ReviewerId, actor, context);
                newlyAssigned = story.AssignedReporterIds.Append(story.ReviewerId ?? Guid.Empty)
                    .Where(id => id != Guid.Empty && !before.Contains(id) && id != actor.UserId)
                    .ToList();
                headline = story.Headline;
                return null;
            }, cancellationToken);

            if (newlyAssigned.Count > 0)
            {
                await mediator.Publish(
                    new StoryAssigned(command.StoryId, headline, newlyAssigned, changes.Actor.Name), cancellationToken);
            }

            return result;
        }
    }
}

/// <summary>People were put on a story; they are told.</summary>
public sealed record StoryAssigned(Guid StoryId, string Headline, IReadOnlyList<Guid> UserIds, string AssignedBy) : INotification;
