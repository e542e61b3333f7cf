using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
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

    public sealed class Handler(StoryTransaction changes, LiveTexts liveTexts, ICurrentUser user)
        : IRequestHandler<Command, StoryChangeResult>
    {
        public async Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var live = new List<(string Field, string Text)>();
            var result = await changes.ApplyAsync(command.StoryId, async (story, actor, context, db) =>
            {
                var source = await db.Revisions.AsNoTracking()
                    .SingleOrDefaultAsync(r => r.StoryId == command.StoryId && r.Number == command.Number, cancellationToken)
                    ?? throw new RefusedException(Refusal.NotFound("not-found.revision", command.Number));
                var revision = story.RestoreRevision(source, command.Reason, actor, context);
                var liveFields = await db.LiveTexts.Where(t => t.StoryId == story.Id).Select(t => t.Field).ToListAsync(cancellationToken);
                live.AddRange(liveFields.Select(field => (field, story.LiveField(field))));
                return revision;
            }, cancellationToken);

            // Fields being written live take the restored text too, or the next save of the live text would undo it.
            // Everyone's editor follows: the replacement is broadcast like any committed update.
            foreach (var (field, text) in live)
            {
                await liveTexts.ReplaceAsync(command.StoryId, field, text, user.Id!.Value, user.Name, cancellationToken);
            }

            return result;
        }
    }
}
