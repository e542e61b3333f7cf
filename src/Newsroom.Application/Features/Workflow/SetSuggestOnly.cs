using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>
/// Sets whether everyone's live edits become suggestions while the story is In review (<c>SuggestOnly.Applies</c>).
/// The audit row records the setting before and after; open editors hear of it through the hub.
/// </summary>
public static class SetSuggestOnly
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, bool On) : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Handler(StoryTransaction changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, (story, actor, context) =>
            {
                story.SetSuggestOnly(command.On, actor, context);
                return null;
            }, cancellationToken);
    }
}
