using FluentValidation;
using MediatR;
using Newsroom.Application.Common.Security;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Dashboard;

/// <summary>The newsroom board: stories by state, optionally for one desk, with the charts of the day.</summary>
public static class GetNewsroomBoard
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Query(string? Desk = null) : IRequest<Board>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Desk).MaximumLength(Story.MaxDeskLength);
    }

    public sealed class Handler(BoardReadModel board) : IRequestHandler<Query, Board>
    {
        public Task<Board> Handle(Query query, CancellationToken cancellationToken) =>
            board.GetAsync(query.Desk?.Trim() is { Length: > 0 } desk ? desk : null, cancellationToken);
    }
}
