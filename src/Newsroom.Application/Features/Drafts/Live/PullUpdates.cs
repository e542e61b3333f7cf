using FluentValidation;
using MediatR;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>The updates accepted after a version, for a client catching up.</summary>
public static class PullUpdates
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Query(Guid StoryId, string Field, int Version) : IRequest<UpdateBatch>, IFrequentRequest, IRetriedThroughOutage;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Field).Must(LiveFields.IsKnown).WithMessage("Field must be headline, standfirst or body.");
            RuleFor(q => q.Version).GreaterThanOrEqualTo(0);
        }
    }

    public sealed class Handler(LiveTexts texts) : IRequestHandler<Query, UpdateBatch>
    {
        public Task<UpdateBatch> Handle(Query query, CancellationToken cancellationToken) =>
            texts.PullAsync(query.StoryId, query.Field, query.Version, cancellationToken);
    }
}
