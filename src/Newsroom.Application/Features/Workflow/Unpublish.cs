using FluentValidation;
using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>Takes a published story down; it can be edited and resubmitted.</summary>
public static class Unpublish
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
            changes.ApplyAsync(command.StoryId, (story, actor, context) => story.Unpublish(command.Note, actor, context), cancellationToken);
    }
}
