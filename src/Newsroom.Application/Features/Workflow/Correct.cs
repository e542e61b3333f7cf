using FluentValidation;
using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Workflow;

/// <summary>Republishes a published story with a correction note readers see, and optionally corrected text.</summary>
public static class Correct
{
    [AllowedRoles(Roles.Editor, Roles.Admin)]
    public sealed record Command(
        Guid StoryId, string Note, string? Headline = null, string? Standfirst = null, string? Body = null)
        : ICommand<StoryChangeResult>, IStoryCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Note).NotEmpty().MaximumLength(Story.MaxNoteLength)
                .WithMessage("Write the correction note readers will see (up to 2,000 characters).");
            RuleFor(c => c.Headline!).Headline().When(c => c.Headline is not null);
            RuleFor(c => c.Standfirst).Standfirst();
            RuleFor(c => c.Body).Body();
        }
    }

    public sealed class Handler(StoryTransaction changes) : IRequestHandler<Command, StoryChangeResult>
    {
        public Task<StoryChangeResult> Handle(Command command, CancellationToken cancellationToken) =>
            changes.ApplyAsync(command.StoryId, (story, actor, context) =>
            {
                var corrected = command is { Headline: null, Standfirst: null, Body: null }
                    ? null
                    : new StoryFields(
                        story.Desk, command.Headline ?? story.Headline, command.Standfirst ?? story.Standfirst,
                        command.Body ?? story.Body, story.LeadImage, story.Tags, story.WordBudget, story.Deadline);
                return story.Correct(command.Note, corrected, actor, context);
            }, cancellationToken);
    }
}
