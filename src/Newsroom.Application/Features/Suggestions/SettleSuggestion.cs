using FluentValidation;
using MediatR;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Suggestions;

/// <summary>
/// Accepts or rejects one open suggestion by its id alone, for the HTTP API, and names the decision in the story's
/// history. The live core makes the decision on its current text and commits it as a live update every open editor
/// sees; a suggestion already decided (or never made) is refused as not open, so of two people deciding at once
/// exactly one lands. The field is the id's prefix (<c>"{field}-{version}.{n}"</c>). Then a revision records it
/// ("Suggestion by Samira Nasser accepted by Layla Haddad", <c>Story.DecideSuggestions</c>).
/// </summary>
public static class SettleSuggestion
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, string SuggestionId, bool Accept) : ICommand<Result>, IStoryCommand
    {
        public string Field => FieldOf(SuggestionId);
    }

    /// <summary>The text's version once the decision is in it.</summary>
    public sealed record Result(int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SuggestionId).IsSuggestionId();
    }

    public sealed class Handler(LiveTexts texts, EditPermissions permissions, ICurrentUser user, StoryTransaction changes)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await permissions.EnsureMayEditAsync(command.StoryId, user, cancellationToken);
            var before = await texts.TrackedAsync(command.StoryId, command.Field, cancellationToken);
            var suggestion = before.Tracked.Suggestions.FirstOrDefault(s => s.Id == command.SuggestionId)
                ?? throw new RefusedException(Refusal.Conflict("suggestion.not-open", command.SuggestionId));
            var version = await texts.DecideAsync(
                command.StoryId, command.Field, command.SuggestionId, command.Accept, user.Id!.Value, user.Name, cancellationToken);
            // The decision is in the live text already; the revision names it in the story's history.
            var suggestedBy = new NameList([before.People.GetValueOrDefault(suggestion.AuthorId, "?")]);
            await changes.ApplyAsync(command.StoryId,
                (story, actor, context) => story.DecideSuggestions(1, suggestedBy, command.Accept, actor, context), cancellationToken);
            return new Result(version);
        }
    }

    /// <summary>The field a suggestion id names: the part before its first '-'; empty when there is none.</summary>
    public static string FieldOf(string? suggestionId) =>
        suggestionId?.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash ? suggestionId[..dash] : "";
}
