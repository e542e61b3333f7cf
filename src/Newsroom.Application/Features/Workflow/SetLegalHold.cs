using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>Puts a story on legal hold (it cannot be published) or lifts the hold.</summary>
public static class SetLegalHold
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, bool OnHold) : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Handler(StoryChanges changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, (story, actor, context) =>
            {
                story.SetLegalHold(command.OnHold, actor, context);
                return null;
            }, cancellationToken);
    }
}
