using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Collab;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;
using Newsroom.Domain.Workflow;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>
/// Takes a client's unconfirmed updates, made against <c>Version</c>. Checked (shape, lengths, characters, size, who
/// may edit the story and whether its state allows it), rebased over what others pushed meanwhile, committed, and
/// only then acknowledged. A refused push leaves the text as it was.
/// </summary>
public static class PushUpdates
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, string Field, int Version, IReadOnlyList<PushedUpdate> Updates)
        : IRequest<Pushed>, IFrequentRequest, IRetriedThroughOutage;

    /// <summary>As the browser sends it: <c>changes</c> is exactly <c>ChangeSet.toJSON()</c>.</summary>
    public sealed record PushedUpdate(string ClientId, JsonElement Changes);

    /// <summary>The text's version once this push is in it; the accepted updates themselves went out as a broadcast.</summary>
    public sealed record Pushed(int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Field).Must(LiveFields.IsKnown).WithMessage("Field must be headline, standfirst or body.");
            RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
            RuleFor(c => c.Updates).NotNull().Must(u => u.Count is > 0 and <= PushLimits.MaxUpdatesPerPush)
                .Says($"Push between 1 and {PushLimits.MaxUpdatesPerPush} updates at a time.", "validation.push-update-count", PushLimits.MaxUpdatesPerPush);
            RuleForEach(c => c.Updates).ChildRules(update =>
                update.RuleFor(u => u.ClientId).NotEmpty().MaximumLength(PushLimits.MaxClientIdLength)
                    .Says($"Each update needs a clientId of 1 to {PushLimits.MaxClientIdLength} characters.", "validation.client-id-length", PushLimits.MaxClientIdLength));
        }
    }

    public sealed class Handler(
        LiveTexts texts, EditPermissions permissions, ICurrentUser user)
        : IRequestHandler<Command, Pushed>
    {
        public async Task<Pushed> Handle(Command command, CancellationToken cancellationToken)
        {
            var updates = Parse(command.Updates);
            await EnsureMayEditAsync(command.StoryId, cancellationToken);
            var maxLength = command.Field == LiveFields.Body ? Story.MaxBodyLength
                : command.Field == LiveFields.Headline ? Story.MaxHeadlineLength : Story.MaxStandfirstLength;
            var version = await texts.PushAsync(
                command.StoryId, command.Field, command.Version, updates, user.Id!.Value, user.Name, maxLength, cancellationToken);
            return new Pushed(version);
        }

        private static List<Update> Parse(IReadOnlyList<PushedUpdate> pushed)
        {
            var updates = new List<Update>(pushed.Count);
            var inserted = 0;
            foreach (var update in pushed)
            {
                try
                {
                    var changes = ChangeSet.FromJson(update.Changes);
                    inserted += changes.InsertedTexts().Sum(t => t.Length);
                    updates.Add(new Update(update.ClientId, changes));
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException)
                {
                    // InvalidOperationException: the JSON held a string System.Text.Json cannot read, such as a lone surrogate.
                    throw new RefusedException(Refusal.Conflict("push.malformed", e.Message));
                }
            }

            return inserted <= PushLimits.MaxInsertedPerPush
                ? updates
                : throw new RefusedException(Refusal.Conflict("push.too-much-inserted", PushLimits.MaxInsertedPerPush));
        }

        private async Task EnsureMayEditAsync(Guid storyId, CancellationToken cancellationToken)
        {
            var me = user.Id!.Value;
            var (state, onStory) = await permissions.GetAsync(storyId, me, cancellationToken);
            var isEditor = Actor.From(me, user.Name, user.IsInRole).IsEditor;
            if (Story.CheckEditing(state, onStory || isEditor) is { } refusal)
            {
                throw new RefusedException(refusal);
            }
        }
    }
}
