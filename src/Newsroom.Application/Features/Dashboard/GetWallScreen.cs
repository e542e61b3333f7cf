using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Dashboard;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Dashboard;

/// <summary>
/// What a wall screen shows, for whoever holds a live display link: no sign-in (a TV has nobody to sign in), read
/// only, and nothing private (no emails, no comments, no drafts' text).
/// </summary>
public static class GetWallScreen
{
    [AllowAnonymousRequest]
    public sealed record Query(string Token) : IRequest<WallScreen>;

    public sealed record WallScreen(string ScreenName, Board Board, IReadOnlyList<BoardCard> PublishedToday, IReadOnlyList<BoardCard> UpcomingDeadlines);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Token).NotEmpty().MaximumLength(100);
    }

    public sealed class Handler(
        IDbContextFactory<NewsroomDbContext> dbFactory, BoardReadModel boards, BoardReader reader, TimeProvider clock)
        : IRequestHandler<Query, WallScreen>
    {
        public async Task<WallScreen> Handle(Query query, CancellationToken cancellationToken)
        {
            var hash = DisplayLink.Hash(query.Token);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var link = await db.DisplayLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
            var now = clock.GetUtcNow();
            if (link is null || !link.IsOpenAt(now))
            {
                throw new RefusedException(Refusal.Forbidden("not-allowed.display-link"));
            }

            // Administrators see which screens are still on; once a minute is enough to tell.
            if (link.LastSeenAt is null || now - link.LastSeenAt > TimeSpan.FromMinutes(1))
            {
                link.Seen(now);
                await db.SaveChangesAsync(cancellationToken);
            }

            var board = await boards.GetAsync(link.Desk, cancellationToken);
            var cards = board.Columns.SelectMany(c => c.Cards).ToList();
            var dayStart = reader.StartOfToday();
            var publishedToday = cards
                .Where(c => c.State is StoryState.Published or StoryState.Corrected && c.PublishedAt >= dayStart)
                .OrderByDescending(c => c.PublishedAt)
                .ToList();
            var upcoming = cards
                .Where(c => c.Deadline is not null && c.State is not (StoryState.Published or StoryState.Corrected or StoryState.Scheduled))
                .OrderBy(c => c.Deadline)
                .Take(12)
                .ToList();
            return new WallScreen(link.Name, board, publishedToday, upcoming);
        }
    }
}
