using FluentValidation;
using MediatR;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>
/// Accepts or rejects every open suggestion of a live text, or every one made by <c>SuggestedBy</c> (an author id):
/// one update per suggestion, made on the text as it is when the commit comes and committed together like a push.
/// With none open nothing changes. Whoever may edit the story now may decide. Audited as a command.
/// </summary>
public static class DecideAllSuggestions
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, string Field, bool Accept, string? SuggestedBy) : ICommand<Decided>, IStoryCommand;

    /// <summary>The text's version once the decision is in it.</summary>
    public sealed record Decided(int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Field).Must(LiveFields.IsKnown).WithMessage("Field must be headline, standfirst or body.");
            RuleFor(c => c.SuggestedBy).MaximumLength(100);
        }
    }

    public sealed class Handler(LiveTexts texts, EditPermissions permissions, ICurrentUser user) : IRequestHandler<Command, Decided>
    {
        public async Task<Decided> Handle(Command command, CancellationToken cancellationToken)
        {
            await permissions.EnsureMayEditAsync(command.StoryId, user, cancellationToken);
            var version = await texts.DecideAllAsync(
                command.StoryId, command.Field, command.Accept, command.SuggestedBy, user.Id!.Value, user.Name, cancellationToken);
            return new Decided(version);
        }
    }
}
