using FluentValidation;
using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>Sends a story in review back to its reporters, with what to change.</summary>
public static class RequestChanges
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, string? Note = null) : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).MaximumLength(Story.MaxNoteLength);
    }

    public sealed class Handler(StoryTransaction changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, (story, actor, context) => story.RequestChanges(command.Note, actor, context), cancellationToken);
    }
}
