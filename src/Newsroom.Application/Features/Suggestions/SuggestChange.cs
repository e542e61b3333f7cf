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
/// Proposes replacing <c>[From, To)</c> of a live text with <c>Insert</c>, for scripts and checkers: the live core
/// makes it a suggestion on its current text (new text suggested, old text marked for deletion), commits it as a live
/// update every open editor sees, and it waits for a writer's decision. Positions are UTF-16 code units of the
/// current live text, as in the hub.
/// </summary>
public static class SuggestChange
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, string Field, int From, int To, string? Insert, string? Note) : ICommand<Result>, IStoryCommand;

    /// <summary>The text's version once the suggestion is in it, and the ids of the suggestions it opened.</summary>
    public sealed record Result(int Version, IReadOnlyList<string> SuggestionIds);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Field).Must(LiveFields.IsKnown).WithMessage("Field must be headline, standfirst or body.");
            RuleFor(c => c.From).GreaterThanOrEqualTo(0);
            RuleFor(c => c.To).GreaterThanOrEqualTo(c => c.From)
                .WithMessage("A suggestion's end (to) must not come before its start (from).");
            RuleFor(c => c.Insert).MaximumLength(PushLimits.MaxInsertedPerPush);
            RuleFor(c => c).Must(c => c.To > c.From || !string.IsNullOrEmpty(c.Insert))
                .WithName("Insert").WithMessage("A suggestion inserts text, marks text for deletion, or both.");
            RuleFor(c => c.Note).IsSuggestionNote();
        }
    }

    public sealed class Handler(LiveTexts texts, EditPermissions permissions, ICurrentUser user) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await permissions.EnsureMayEditAsync(command.StoryId, user, cancellationToken);
            var insert = command.Insert ?? "";
            if (PushLimits.CheckInserted(insert) is { } badText)
            {
                throw new RefusedException(badText);
            }

            var current = await texts.TrackedAsync(command.StoryId, command.Field, cancellationToken);
            if (CheckRange(current.Text, command.From, command.To) is { } badRange)
            {
                throw new RefusedException(badRange);
            }

            var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
            var version = await texts.SuggestAsync(
                command.StoryId, command.Field, command.From, command.To, insert, note, user.Id!.Value, user.Name,
                LiveFields.MaxLength(command.Field), cancellationToken);
            var after = await texts.TrackedAsync(command.StoryId, command.Field, cancellationToken);
            var prefix = $"{command.Field}-{version}.";
            return new Result(version, [.. after.Tracked.Suggestions.Select(s => s.Id).Where(id => id.StartsWith(prefix, StringComparison.Ordinal))]);
        }

        /// <summary>Null when <c>[from, to)</c> lies in the text and splits no surrogate pair; otherwise why not.</summary>
        public static Refusal? CheckRange(string text, int from, int to) =>
            from < 0 || to < from || to > text.Length
                ? Refusal.Invalid("suggestion.outside-text", from, to, text.Length)
                : SplitsPair(text, from) ? Refusal.Invalid("suggestion.split-character", from)
                : SplitsPair(text, to) ? Refusal.Invalid("suggestion.split-character", to)
                : null;

        private static bool SplitsPair(string text, int pos) =>
            pos > 0 && pos < text.Length && char.IsHighSurrogate(text[pos - 1]) && char.IsLowSurrogate(text[pos]);
    }
}
