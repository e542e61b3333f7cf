using FluentValidation;
using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>
/// Puts a story on legal hold or lifts the hold, with the reason. A held story cannot be published, scheduled out or
/// corrected, and one already published disappears from every public surface until the hold is lifted.
/// </summary>
public static class SetLegalHold
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, bool OnHold, string? Reason) : ICommand<StoryChangeResult>, IStoryCommand, IExplainedCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why: a legal hold is put on and lifted with a reason.")
                .MaximumLength(Story.MaxNoteLength);
    }

    public sealed class Handler(StoryTransaction changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId,
                (story, actor, context) => story.SetLegalHold(command.OnHold, command.Reason, actor, context), cancellationToken);
    }
}
