using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain;
using Newsroom.Domain.Dashboard;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Dashboard;

/// <summary>Something a wall screen shows changed (the banner, or a link was revoked): screens read again.</summary>
public sealed record WallChanged : IInstanceNews;

/// <summary>Makes a display link for a wall screen. The token is in the result once and never stored.</summary>
public static class CreateDisplayLink
{
    /// <summary>A link for a screen, optionally until a time and for one desk.</summary>
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(string Name, DateTimeOffset? ExpiresAt = null, string? Desk = null) : ICommand<Result>;

    public sealed record Result(Guid Id, string Name, string Token)
    {
        public string Path => $"/wall/{Token}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        private const string NameCode = "validation.screen-name";

        private static readonly string Message = $"Name the screen (e.g. 'Newsdesk TV'), up to {DisplayLink.MaxNameLength} characters.";

        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().Says(Message, NameCode, DisplayLink.MaxNameLength).MaximumLength(DisplayLink.MaxNameLength).Says(Message, NameCode, DisplayLink.MaxNameLength);
            RuleFor(c => c.Desk!).Desk().When(c => !string.IsNullOrEmpty(c.Desk));
        }
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (link, token) = DisplayLink.Create(command.Name, user.Id!.Value, clock.GetUtcNow(), command.ExpiresAt, command.Desk);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.DisplayLinks.Add(link);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(link.Id, link.Name, token);
        }
    }
}

/// <summary>Revokes a display link: the screen showing it goes blank at once.</summary>
public static class RevokeDisplayLink
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid Id) : ICommand<Result>;

    public sealed record Result(Guid Id, DateTimeOffset RevokedAt);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock, IMediator mediator)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var link = await db.DisplayLinks.SingleOrDefaultAsync(l => l.Id == command.Id, cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.display-link", command.Id));
            link.Revoke(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new WallChanged(), cancellationToken);
            return new Result(link.Id, link.RevokedAt!.Value);
        }
    }
}

public static class ListDisplayLinks
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(
        Guid Id, string Name, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastSeenAt,
        DateTimeOffset? ExpiresAt, string? Desk);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.DisplayLinks.AsNoTracking()
                .OrderBy(l => l.RevokedAt != null).ThenByDescending(l => l.CreatedAt)
                .Select(l => new Row(
                    l.Id, l.Name, db.Users.Where(u => u.Id == l.CreatedBy).Select(u => u.DisplayName).Single(),
                    l.CreatedAt, l.RevokedAt, l.LastSeenAt, l.ExpiresAt, l.Desk))
                .ToListAsync(cancellationToken);
        }
    }
}
