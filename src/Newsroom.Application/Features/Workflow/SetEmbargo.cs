using FluentValidation;
using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>Sets the time before which the story must not go live, or clears it.</summary>
public static class SetEmbargo
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, DateTimeOffset? Until) : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) =>
            RuleFor(c => c.Until)
                .Must(until => until is null || until > clock.GetUtcNow())
                .WithMessage("An embargo must end in the future; clear it to publish without one.");
    }

    public sealed class Handler(StoryTransaction changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, (story, actor, context) =>
            {
                story.SetEmbargo(command.Until, actor, context);
                return null;
            }, cancellationToken);
    }
}
