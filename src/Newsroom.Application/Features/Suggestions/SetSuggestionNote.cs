using FluentValidation;
using MediatR;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Domain;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Suggestions;

/// <summary>
/// Adds, changes or clears the note of an open suggestion, by its author only (it is their reason for it). The live
/// core commits it as an update that changes no text (<see cref="TrackedText.Annotate"/>), so every open editor takes
/// it in, and the log and the checkpoint keep it as they keep the suggestion (ADR-028). The field is the id's prefix.
/// </summary>
public static class SetSuggestionNote
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, string SuggestionId, string? Note) : ICommand<Result>, IStoryCommand
    {
        public string Field => SettleSuggestion.FieldOf(SuggestionId);
    }

    /// <summary>The text's version once the note is in it.</summary>
    public sealed record Result(int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SuggestionId).IsSuggestionId();
            RuleFor(c => c.Note).IsSuggestionNote();
        }
    }

    public sealed class Handler(LiveTexts texts, EditPermissions permissions, ICurrentUser user) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await permissions.EnsureMayEditAsync(command.StoryId, user, cancellationToken);
            var current = await texts.TrackedAsync(command.StoryId, command.Field, cancellationToken);
            var suggestion = current.Tracked.Suggestions.FirstOrDefault(s => s.Id == command.SuggestionId)
                ?? throw new RefusedException(Refusal.Conflict("suggestion.not-open", command.SuggestionId));
            // A suggestion's author never changes, so the check holds when the note's turn in a commit comes.
            if (suggestion.AuthorId != user.Id!.Value.ToString("D"))
            {
                throw new RefusedException(Refusal.Forbidden("suggestion.note.not-author", current.People.GetValueOrDefault(suggestion.AuthorId, "?")));
            }

            var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
            return new Result(await texts.NoteAsync(command.StoryId, command.Field, command.SuggestionId, note, user.Id!.Value, user.Name, cancellationToken));
        }
    }
}
