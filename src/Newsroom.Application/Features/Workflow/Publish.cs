using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>Publishes an approved story, or schedules it while its embargo is in the future.</summary>
public static class Publish
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId) : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Handler(StoryTransaction changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, (story, actor, context) => story.Publish(actor, context), cancellationToken);
    }
}
