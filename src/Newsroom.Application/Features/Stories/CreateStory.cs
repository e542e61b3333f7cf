using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;
using Npgsql;

namespace Newsroom.Application.Features.Stories;

public static class CreateStory
{
    [AllowedRoles(Roles.Reporter, Roles.Editor)]
    public sealed record Command(
        string Slug,
        string Language,
        string Desk,
        string Headline,
        string? Standfirst = null,
        string? Body = null,
        string? LeadImageUrl = null,
        string? LeadImageCaption = null,
        string? LeadImageCredit = null,
        IReadOnlyList<string>? Tags = null,
        int? WordBudget = null,
        DateTimeOffset? Deadline = null) : ICommand<Result>;

    public sealed record Result(Guid StoryId, string Slug, int RevisionNumber) : IStoryResult;

    private const string SlugTakenCode = "validation.slug-taken";

    private static ValidationFailure SlugTaken(string slug) => ValidationMessages.Failure(
        nameof(Command.Slug), $"A story with the slug '{slug}' already exists; choose another.", SlugTakenCode, slug);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IDbContextFactory<NewsroomDbContext> dbFactory)
        {
            RuleFor(c => c.Slug)
                .NotEmpty()
                .Must(Story.IsValidSlug)
                .WithMessage("Use lower-case letters, digits and single hyphens, up to 120 characters (e.g. 'harbour-fire').")
                .MustAsync(async (slug, ct) =>
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    return !await db.Stories.AnyAsync(s => s.Slug == slug, ct);
                })
                .Says(c => SlugTaken(c.Slug).ErrorMessage, SlugTakenCode, c => [c.Slug]);
            RuleFor(c => c.Language)
                .Must(code => StoryLanguages.TryParse(code, out _))
                .WithMessage("Language must be 'ar' (Arabic) or 'en' (English).");
            RuleFor(c => c.Desk).Desk();
            RuleFor(c => c.Headline).Headline();
            RuleFor(c => c.Standfirst).Standfirst();
            RuleFor(c => c.Body).Body();
            RuleFor(c => c.LeadImageUrl).ImageUrl();
            RuleFor(c => c.LeadImageCaption).MaximumLength(1_000);
            RuleFor(c => c.LeadImageCredit).MaximumLength(200);
            RuleFor(c => c.Tags).Tags();
            RuleFor(c => c.WordBudget).WordBudget();
        }
    }

    public sealed class Handler(
        IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock, IMediator mediator)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var draft = new NewStory(
                command.Slug,
                StoryLanguages.Parse(command.Language),
                command.Desk,
                command.Headline,
                command.Standfirst,
                command.Body,
                new LeadImage(command.LeadImageUrl, command.LeadImageCaption, command.LeadImageCredit),
                command.Tags,
                command.WordBudget,
                command.Deadline);
            var (story, revision) = Story.Create(draft, user.Id!.Value, user.Name, clock.GetUtcNow());

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.Stories.Add(story);
            db.Revisions.Add(revision);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two people chose the same slug at the same moment; the validator could not see the other one.
                throw new ValidationException([SlugTaken(command.Slug)]);
            }

            await mediator.Publish(new StoryChanged(story.Id, story.Slug, story.Headline, story.State), cancellationToken);
            return new Result(story.Id, story.Slug, revision.Number);
        }
    }
}
