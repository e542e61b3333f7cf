using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts;

/// <summary>
/// Saves the story's fields from a form or the API. The caller quotes the version it loaded: if someone saved in the
/// meantime the save is refused (409), never silently laid over theirs. A text field left out (null) keeps its
/// value; once a field is written live (/hubs/collab) only the live editor changes it.
/// </summary>
public static class UpdateStory
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(
        Guid StoryId,
        uint ExpectedVersion,
        string Desk,
        string? Headline = null,
        string? Standfirst = null,
        string? Body = null,
        string? LeadImageUrl = null,
        string? LeadImageCaption = null,
        string? LeadImageCredit = null,
        IReadOnlyList<string>? Tags = null,
        int? WordBudget = null,
        DateTimeOffset? Deadline = null) : ICommand<StoryChangeResult>, IStoryCommand
    {
        public StoryFields ToFields(Story current) => new(
            Desk, Headline ?? current.Headline, Standfirst ?? current.Standfirst, Body ?? current.Body,
            new LeadImage(NullIfBlank(LeadImageUrl), NullIfBlank(LeadImageCaption), NullIfBlank(LeadImageCredit)),
            Tags ?? [], WordBudget, Deadline);

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ExpectedVersion).NotEmpty()
                .WithMessage("Send the version you loaded (the story's 'version'), so a newer save is never overwritten.");
            RuleFor(c => c.Desk).Desk();
            RuleFor(c => c.Headline!).Headline().When(c => c.Headline is not null);
            RuleFor(c => c.Standfirst).Standfirst();
            RuleFor(c => c.Body).Body();
            RuleFor(c => c.LeadImageUrl).ImageUrl();
            RuleFor(c => c.LeadImageCaption).MaximumLength(1_000);
            RuleFor(c => c.LeadImageCredit).MaximumLength(200);
            RuleFor(c => c.Tags).Tags();
            RuleFor(c => c.WordBudget).WordBudget();
        }
    }

    public sealed class Handler(StoryTransaction changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, async (story, actor, context, db) =>
            {
                var live = await db.LiveTexts.Where(t => t.StoryId == story.Id).Select(t => t.Field).ToListAsync(cancellationToken);
                foreach (var (field, value) in new[]
                         {
                             (LiveFields.Headline, command.Headline), (LiveFields.Standfirst, command.Standfirst), (LiveFields.Body, command.Body),
                         })
                {
                    if (value is not null && live.Contains(field) && value != story.LiveField(field))
                    {
                        // A form write would be overwritten by the next save of the live text, or fork from it.
                        throw new RefusedException(Refusal.Conflict("story.field.written-live", field));
                    }
                }

                return story.Edit(command.ToFields(story), actor, context);
            }, cancellationToken, command.ExpectedVersion);
    }
}
