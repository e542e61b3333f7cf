using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Revisions;

/// <summary>Brings an earlier revision's text back as a new revision, with the reason on record.</summary>
public static class RestoreRevision
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, int Number, string Reason) : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Number).GreaterThan(0);
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(Story.MaxNoteLength)
                .WithMessage("Say why you are restoring this revision; it goes on the record.");
        }
    }

    public sealed class Handler(StoryChanges changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, async (story, actor, context, db) =>
            {
                var source = await db.Revisions.AsNoTracking()
                    .SingleOrDefaultAsync(r => r.StoryId == command.StoryId && r.Number == command.Number, cancellationToken)
                    ?? throw new NotFoundException($"Revision {command.Number} of this story");
                return story.RestoreRevision(source, command.Reason, actor, context);
            }, cancellationToken);
    }
}
