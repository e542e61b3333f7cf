using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Users;

/// <summary>An author's bio changed: article pages that show it are out of date.</summary>
public sealed record AuthorBioChanged(Guid UserId) : IInstanceNews;

/// <summary>Sets the short bio readers see under a byline. People write their own; administrators can write anyone's.</summary>
public static class UpdateBio
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid UserId, string? Bio) : ICommand<Result>;

    public sealed record Result(Guid UserId, string Bio);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Bio).MaximumLength(NewsroomUser.MaxBioLength)
            .Says($"A bio can be up to {NewsroomUser.MaxBioLength} characters.", "validation.bio-too-long", NewsroomUser.MaxBioLength);
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, IMediator mediator)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.UserId != user.Id && !user.IsInRole(Roles.Admin))
            {
                throw new RefusedException(Refusal.Forbidden("not-allowed.own-bio", user.Name));
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var person = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.account", command.UserId));
            person.Bio = command.Bio?.Trim() ?? "";
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new AuthorBioChanged(person.Id), cancellationToken);
            return new Result(person.Id, person.Bio);
        }
    }
}
