using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Users;
using Npgsql;

namespace Newsroom.Application.Features.Dashboard;

/// <summary>Puts a breaking-news line across the board and every wall screen, replacing any that is up.</summary>
public static class RaiseBreakingNews
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(string Text) : ICommand<BreakingBanner>;

    public sealed class Validator : AbstractValidator<Command>
    {
        private const string TextCode = "validation.banner-text";

        private static readonly string Message =
            $"Write the breaking-news line, up to {Domain.Dashboard.BreakingNews.MaxTextLength} characters.";

        public Validator() => RuleFor(c => c.Text).NotEmpty().Says(Message, TextCode, Domain.Dashboard.BreakingNews.MaxTextLength)
            .MaximumLength(Domain.Dashboard.BreakingNews.MaxTextLength).Says(Message, TextCode, Domain.Dashboard.BreakingNews.MaxTextLength);
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock, IMediator mediator)
        : IRequestHandler<Command, BreakingBanner>
    {
        public async Task<BreakingBanner> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var up in await db.BreakingNews.Where(b => b.ClearedAt == null).ToListAsync(cancellationToken))
            {
                up.Clear(user.Id!.Value, now);
            }

            // Cleared first, in its own statement, so the one-banner index never sees two up at once.
            await db.SaveChangesAsync(cancellationToken);
            var banner = Domain.Dashboard.BreakingNews.Raise(command.Text, user.Id!.Value, now);
            db.BreakingNews.Add(banner);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                throw new RefusedException(Refusal.Conflict("breaking-news.raced"));
            }

            await transaction.CommitAsync(cancellationToken);
            await mediator.Publish(new WallChanged(), cancellationToken);
            return new BreakingBanner(banner.Text, banner.RaisedAt);
        }
    }
}

/// <summary>Takes the breaking-news line down.</summary>
public static class ClearBreakingNews
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command : ICommand<Result>;

    public sealed record Result(bool WasUp);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock, IMediator mediator)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var up = await db.BreakingNews.Where(b => b.ClearedAt == null).ToListAsync(cancellationToken);
            up.ForEach(b => b.Clear(user.Id!.Value, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new WallChanged(), cancellationToken);
            return new Result(up.Count > 0);
        }
    }
}
