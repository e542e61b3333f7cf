using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Publishing;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Publishing;

/// <summary>
/// A reader comments on a published article. Every comment is held until an editor approves it. <see
/// cref="Command.Website"/> is the honeypot: a field people never see, which bots fill in; they are told their
/// comment is held, and nothing is kept.
/// </summary>
public static class PostReaderComment
{
    [AllowAnonymousRequest]
    public sealed record Command(string Slug, string? Name, string? Email, string? Body, string? Website = null) : ICommand<Result>;

    public sealed record Result(bool Held);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Your name is required.")
                .MaximumLength(ReaderComment.MaxNameLength).Says($"A name can be up to {ReaderComment.MaxNameLength} characters.", "validation.reader-name-too-long", ReaderComment.MaxNameLength);
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Your email is required (it is never shown).")
                .EmailAddress().WithMessage("Enter an email address like name@example.org.")
                .MaximumLength(ReaderComment.MaxEmailLength);
            RuleFor(c => c.Body).NotEmpty().WithMessage("Write a comment.")
                .MaximumLength(ReaderComment.MaxBodyLength)
                .Says($"A comment can be up to {ReaderComment.MaxBodyLength:N0} characters.", "validation.reader-comment-too-long", ReaderComment.MaxBodyLength);
        }
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var storyId = await db.Stories
                .Where(Story.IsPublic)
                .Where(s => s.Slug == command.Slug)
                .Select(s => (Guid?)s.Id)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.article", command.Slug));
            if (!string.IsNullOrEmpty(command.Website))
            {
                return new Result(Held: true);
            }

            db.ReaderComments.Add(ReaderComment.Hold(storyId, command.Name!, command.Email!, command.Body!, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(Held: true);
        }
    }
}

/// <summary>The approved comments under an article: name, text and time, never the email.</summary>
public static class ListApprovedComments
{
    [AllowAnonymousRequest]
    public sealed record Query(Guid StoryId) : IRequest<IReadOnlyList<ShownComment>>;

    public sealed record ShownComment(Guid Id, string AuthorName, string Body, DateTimeOffset PostedAt);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, IReadOnlyList<ShownComment>>
    {
        public async Task<IReadOnlyList<ShownComment>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.ReaderComments.AsNoTracking()
                .Where(c => c.StoryId == query.StoryId && c.Status == ReaderCommentStatus.Approved)
                .OrderBy(c => c.PostedAt)
                .Select(c => new ShownComment(c.Id, c.AuthorName, c.Body, c.PostedAt))
                .ToListAsync(cancellationToken);
        }
    }
}

/// <summary>Reader comments for editors to moderate, held ones first by default.</summary>
public static class ListReaderComments
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Query(ReaderCommentStatus Status = ReaderCommentStatus.Held) : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(
        Guid Id, Guid StoryId, string Slug, string Headline, string Direction, string AuthorName, string Email, string Body,
        DateTimeOffset PostedAt, ReaderCommentStatus Status);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Status).IsInEnum();
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.ReaderComments.AsNoTracking()
                .Where(c => c.Status == query.Status)
                .OrderBy(c => c.PostedAt)
                .Take(200)
                .Join(db.Stories, c => c.StoryId, s => s.Id, (c, s) => new { c, s.Slug, s.Headline, s.Language })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Row(
                    r.c.Id, r.c.StoryId, r.Slug, r.Headline, r.Language.DirAttribute(), r.c.AuthorName, r.c.Email, r.c.Body,
                    r.c.PostedAt, r.c.Status))
                .ToList();
        }
    }
}

/// <summary>An editor approves a reader comment, marks it as spam, or trashes it.</summary>
public static class ModerateReaderComment
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid CommentId, ReaderCommentStatus Status) : ICommand<Result>;

    public sealed record Result(Guid CommentId, ReaderCommentStatus Status);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Status)
            .Must(s => s is ReaderCommentStatus.Approved or ReaderCommentStatus.Spam or ReaderCommentStatus.Trash)
            .WithMessage("Moderate with Approved, Spam or Trash.");
    }

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var comment = await db.ReaderComments.SingleOrDefaultAsync(c => c.Id == command.CommentId, cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.reader-comment", command.CommentId));
            comment.Moderate(command.Status, user.Id!.Value, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return new Result(comment.Id, comment.Status);
        }
    }
}
