using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>
/// Credits a story to one or more authors, in order, as a revision naming who was added and removed. Its authors and
/// editors may change it.
/// </summary>
public static class SetByline
{
    public const int MaxAuthors = 8;

    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, IReadOnlyList<Guid> AuthorIds) : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IDbContextFactory<NewsroomDbContext> dbFactory)
        {
            RuleFor(c => c.AuthorIds).NotEmpty().WithMessage("A byline needs at least one author.")
                .Must(ids => ids.Count <= MaxAuthors).Says($"A byline takes at most {MaxAuthors} authors.", "validation.byline-too-many-authors", MaxAuthors);
            RuleFor(c => c.AuthorIds)
                .MustAsync(async (ids, ct) =>
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    var distinct = ids.Distinct().ToList();
                    return await db.Users.CountAsync(u => distinct.Contains(u.Id), ct) == distinct.Count;
                })
                .WithMessage("Every author must be a Newsroom account.")
                .When(c => c.AuthorIds is { Count: > 0 });
        }
    }

    public sealed class Handler(StoryTransaction changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, async (story, actor, context, db) =>
            {
                var people = story.Bylines.Select(b => b.UserId).Concat(command.AuthorIds).Distinct().ToList();
                var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
                return story.SetByline(command.AuthorIds, names, actor, context);
            }, cancellationToken);
    }
}
