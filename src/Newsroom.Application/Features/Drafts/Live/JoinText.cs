using FluentValidation;
using MediatR;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>
/// Opens a shared text: its version and content now, with its suggestions and authorship (the state every update
/// after it moves, <c>Tracked</c>), the display names of everyone that state names, and whether the story makes every
/// edit a suggestion now. Anyone on the staff may read along.
/// </summary>
public static class JoinText
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Query(Guid StoryId, string Field) : IRequest<Joined>, IRetriedThroughOutage;

    public sealed record Joined(int Version, string Text, TrackedTextState Tracked, IReadOnlyDictionary<string, string> People, bool SuggestOnly);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Field).Must(LiveFields.IsKnown).WithMessage("Field must be headline, standfirst or body.");
    }

    public sealed class Handler(LiveTexts texts) : IRequestHandler<Query, Joined>
    {
        public async Task<Joined> Handle(Query query, CancellationToken cancellationToken)
        {
            var snapshot = await texts.TrackedAsync(query.StoryId, query.Field, cancellationToken);
            return new Joined(snapshot.Version, snapshot.Text, snapshot.Tracked.State, snapshot.People, SuggestOnly: false);
        }
    }
}
