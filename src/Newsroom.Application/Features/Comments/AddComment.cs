using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Collab;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Comments;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Comments;

/// <summary>
/// Starts a thread on a story (optionally anchored to a range of a field in a revision) or replies to one.
/// Anyone written as @handle (the part of their email before the @) is told.
/// </summary>
public static class AddComment
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(
        Guid StoryId,
        string Body,
        Guid? ParentId = null,
        string? AnchorField = null,
        int? AnchorFrom = null,
        int? AnchorTo = null,
        int? AnchorRevision = null) : ICommand<Result>, IStoryCommand;

    public sealed record Result(Guid CommentId, IReadOnlyList<Guid> Mentioned);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body).NotEmpty().MaximumLength(EditorialComment.MaxBodyLength);
            RuleFor(c => c.AnchorField)
                .Must(f => f is null || EditorialComment.Fields.Contains(f))
                .WithMessage("Anchor a comment to 'headline', 'standfirst' or 'body'.");
            RuleFor(c => c.AnchorFrom).NotNull().GreaterThanOrEqualTo(0).When(c => c.AnchorField is not null);
            RuleFor(c => c.AnchorTo).NotNull().GreaterThanOrEqualTo(c => c.AnchorFrom ?? 0).When(c => c.AnchorField is not null)
                .WithMessage("The anchor's end must not come before its start.");
            RuleFor(c => c.AnchorField).Null().When(c => c.ParentId is not null)
                .WithMessage("A reply belongs to its thread; only the first comment of a thread has an anchor.");
        }
    }

    public sealed class Handler(
        IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock, IMediator mediator, LiveTexts liveTexts)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.StoryId, cancellationToken)
                ?? throw new RefusedException(Refusal.NotFound("not-found.story", command.StoryId));
            var mentioned = await MentionedUsersAsync(db, command.Body, cancellationToken);
            var now = clock.GetUtcNow();
            EditorialComment comment;
            if (command.ParentId is { } parentId)
            {
                var parent = await db.Comments.AsNoTracking()
                    .SingleOrDefaultAsync(c => c.Id == parentId && c.StoryId == command.StoryId, cancellationToken)
                    ?? throw new RefusedException(Refusal.NotFound("not-found.thread"));
                comment = parent.Reply(user.Id!.Value, command.Body, mentioned, now);
            }
            else
            {
                comment = EditorialComment.Start(
                    command.StoryId, user.Id!.Value, command.Body, await AnchorAsync(db, command, story.LatestRevisionNumber, cancellationToken),
                    mentioned, now);
            }

            db.Comments.Add(comment);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new CommentAdded(story.Id, story.Headline, comment.Id, mentioned, user.Name), cancellationToken);
            return new Result(comment.Id, mentioned);
        }

        private async Task<CommentAnchor?> AnchorAsync(
            NewsroomDbContext db, Command command, int latestRevision, CancellationToken cancellationToken)
        {
            if (command.AnchorField is not { } field)
            {
                return null;
            }

            if (command.AnchorRevision is null && await db.LiveTexts.AnyAsync(t => t.StoryId == command.StoryId && t.Field == field, cancellationToken))
            {
                // Written live: the range is in the text as people see it now, and follows it from here on.
                var (version, text) = await liveTexts.JoinAsync(command.StoryId, field, cancellationToken);
                if (command.AnchorTo > text.Length)
                {
                    throw new ValidationException(
                        [ValidationMessages.Failure(nameof(Command.AnchorTo), $"The {field} is only {text.Length} characters long now.", "validation.anchor-past-live-end", FieldName(field), text.Length)]);
                }

                return new CommentAnchor(field, command.AnchorFrom!.Value, command.AnchorTo!.Value, latestRevision, version);
            }

            var number = command.AnchorRevision ?? latestRevision;
            var revision = await db.Revisions.AsNoTracking()
                .SingleOrDefaultAsync(r => r.StoryId == command.StoryId && r.Number == number, cancellationToken)
                ?? throw new ValidationException([ValidationMessages.Failure(nameof(Command.AnchorRevision), $"The story has no revision {number}.", "validation.no-revision", number)]);
            var length = field switch
            {
                "headline" => revision.Headline.Length,
                "standfirst" => revision.Standfirst.Length,
                _ => revision.Body.Length,
            };
            if (command.AnchorTo > length)
            {
                throw new ValidationException(
                    [ValidationMessages.Failure(nameof(Command.AnchorTo), $"The {field} of revision {number} is only {length} characters long.", "validation.anchor-past-revision-end", FieldName(field), number, length)]);
            }

            return new CommentAnchor(field, command.AnchorFrom!.Value, command.AnchorTo!.Value, number);
        }

        // The field as the interface names it ("field:body"), so a message about it reads in the reader's language.
        private static Message FieldName(string field) => Message.Of($"field:{field}");

        private static async Task<IReadOnlyList<Guid>> MentionedUsersAsync(
            NewsroomDbContext db, string body, CancellationToken cancellationToken)
        {
            var handles = EditorialComment.MentionHandles(body).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (handles.Count == 0)
            {
                return [];
            }

            // A newsroom has hundreds of accounts, not millions: matching handles in memory is simpler than SQL patterns.
            var accounts = await db.Users.AsNoTracking()
                .Select(u => new { u.Id, u.Email })
                .ToListAsync(cancellationToken);
            return accounts
                .Where(u => u.Email is { } email && handles.Contains(email[..Math.Max(0, email.IndexOf('@', StringComparison.Ordinal))]))
                .Select(u => u.Id)
                .ToList();
        }
    }
}

/// <summary>A comment was saved; the people it mentions are told.</summary>
public sealed record CommentAdded(Guid StoryId, string Headline, Guid CommentId, IReadOnlyList<Guid> Mentioned, string AuthorName)
    : INotification;
