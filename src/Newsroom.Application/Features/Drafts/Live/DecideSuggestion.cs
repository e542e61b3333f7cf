using FluentValidation;
using MediatR;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>
/// Accepts or rejects one open suggestion in a live text. The server makes the decision's update on the text as it
/// is when the commit comes and commits it like a push (broadcast, sent back to review if approved), so every open
/// editor sees it at once; a suggestion no longer open is refused (<c>suggestion.not-open</c>, 409). Whoever may edit
/// the story now may decide. Audited as a command.
/// </summary>
public static class DecideSuggestion
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, string Field, string SuggestionId, bool Accept) : ICommand<Decided>, IStoryCommand;

    /// <summary>The text's version once the decision is in it.</summary>
    public sealed record Decided(int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Field).Must(LiveFields.IsKnown).WithMessage("Field must be headline, standfirst or body.");
            RuleFor(c => c.SuggestionId).NotEmpty().MaximumLength(100);
        }
    }

    public sealed class Handler(LiveTexts texts, EditPermissions permissions, ICurrentUser user) : IRequestHandler<Command, Decided>
    {
        public async Task<Decided> Handle(Command command, CancellationToken cancellationToken)
        {
            await permissions.EnsureMayEditAsync(command.StoryId, user, cancellationToken);
            var version = await texts.DecideAsync(
                command.StoryId, command.Field, command.SuggestionId, command.Accept, user.Id!.Value, user.Name, cancellationToken);
            return new Decided(version);
        }
    }
}
