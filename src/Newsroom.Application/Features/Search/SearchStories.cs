using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Search;

/// <summary>
/// Newsroom search: every story staff may open, in any state (every account may read every story; the workflow
/// rules decide who may change one).
/// </summary>
public static class SearchStories
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Query(string Text) : IRequest<IReadOnlyList<SearchHit>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Text).SearchText();
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, IReadOnlyList<SearchHit>>
    {
        public Task<IReadOnlyList<SearchHit>> Handle(Query query, CancellationToken cancellationToken) =>
            StorySearch.FindAsync(dbFactory, query.Text, publishedOnly: false, cancellationToken);
    }
}

/// <summary>Site search for readers: published articles only.</summary>
public static class SearchPublished
{
    [AllowAnonymousRequest]
    public sealed record Query(string Text) : IRequest<IReadOnlyList<SearchHit>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Text).SearchText();
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, IReadOnlyList<SearchHit>>
    {
        public Task<IReadOnlyList<SearchHit>> Handle(Query query, CancellationToken cancellationToken) =>
            StorySearch.FindAsync(dbFactory, query.Text, publishedOnly: true, cancellationToken);
    }
}
