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
using Newsroom.Domain.Users;

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

    /// <summary>
    /// As the browser sends it: <c>changes</c> is exactly <c>ChangeSet.toJSON()</c>; <c>tracking</c>, for an update
    /// made in suggest mode only, says so (the server fills in who, when and the update's id).
    /// </summary>
    public sealed record PushedUpdate(string ClientId, JsonElement Changes, PushedTracking? Tracking = null);

    /// <summary>A suggest-mode update's own tracking: its note and the code units it marks as deleted, <c>[from, to]</c> pairs in the text it leaves.</summary>
    public sealed record PushedTracking(bool Suggest, string? Note = null, IReadOnlyList<int[]>? Deletions = null);

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
            {
                update.RuleFor(u => u.ClientId).NotEmpty().MaximumLength(PushLimits.MaxClientIdLength)
                    .Says($"Each update needs a clientId of 1 to {PushLimits.MaxClientIdLength} characters.", "validation.client-id-length", PushLimits.MaxClientIdLength);
                update.RuleFor(u => u.Tracking!.Note).MaximumLength(PushLimits.MaxNoteLength).When(u => u.Tracking is not null)
                    .Says($"A suggestion's note is at most {PushLimits.MaxNoteLength} characters.", "validation.suggestion-note-length", PushLimits.MaxNoteLength);
            });
        }
    }

    public sealed class Handler(
        LiveTexts texts, EditPermissions permissions, ICurrentUser user)
        : IRequestHandler<Command, Pushed>
    {
        public async Task<Pushed> Handle(Command command, CancellationToken cancellationToken)
        {
            var updates = Parse(command.Updates);
            await permissions.EnsureMayEditAsync(command.StoryId, user, cancellationToken);
            var version = await texts.PushAsync(
                command.StoryId, command.Field, command.Version, updates, user.Id!.Value, user.Name, LiveFields.MaxLength(command.Field),
                suggestOnly: false, cancellationToken);
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
                    updates.Add(new Update(update.ClientId, changes, Tracking(update.Tracking)));
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

        /// <summary>What a client may say of its update: that it is a suggestion, with a note and marked deletions. The rest is the server's.</summary>
        private static Tracking? Tracking(PushedTracking? pushed)
        {
            if (pushed is not { Suggest: true })
            {
                return null;
            }

            var deletions = new List<TextRange>();
            foreach (var pair in pushed.Deletions ?? [])
            {
                deletions.Add(pair is [var from, var to]
                    ? new TextRange(from, to)
                    : throw new RefusedException(Refusal.Conflict("push.malformed", "a deletion is a [from, to] pair")));
            }

            return new Tracking("", "", default, Suggest: true, pushed.Note, deletions);
        }
    }
}
