using FluentValidation;
using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts;

/// <summary>
/// Saves the story's fields from a form or the API. The caller quotes the version it loaded: if someone saved in the
/// meantime the save is refused (409), never silently laid over theirs.
/// </summary>
public static class UpdateStory
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(
        Guid StoryId,
        uint ExpectedVersion,
        string Desk,
        string Headline,
        string? Standfirst = null,
        string? Body = null,
        string? LeadImageUrl = null,
        string? LeadImageCaption = null,
        string? LeadImageCredit = null,
        IReadOnlyList<string>? Tags = null,
        int? WordBudget = null,
        DateTimeOffset? Deadline = null) : ICommand<StoryChangeResult>, IStoryCommand
    {
        public StoryFields ToFields() => new(
            Desk, Headline, Standfirst ?? "", Body ?? "",
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

    public sealed class Handler(StoryChanges changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(
                command.StoryId, (story, actor, context) => story.Edit(command.ToFields(), actor, context), cancellationToken,
                command.ExpectedVersion);
    }
}
