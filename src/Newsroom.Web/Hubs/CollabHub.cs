using System.Diagnostics;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Domain;
using Newsroom.Domain.Collab;
using Newsroom.Web.Realtime;

namespace Newsroom.Web.Hubs;

/// <summary>What the collaboration hub sends to the people in a text. The wire contract is docs/protocol.md.</summary>
public interface ICollabClient
{
    /// <summary>
    /// The updates accepted after <paramref name="fromVersion"/>, as one batch (docs/protocol.md, "Updates on the
    /// wire"), to everyone in the text, the sender included.
    /// </summary>
    Task Updates(Guid storyId, string field, int fromVersion, UpdateBatch batch);

    Task Presence(Guid storyId, string field, IReadOnlyList<Collaborator> collaborators);

    /// <summary>The story now makes everyone's edits suggestions (or no longer does).</summary>
    Task SuggestOnly(Guid storyId, bool suggestOnly);
}

/// <summary>
/// A text opened: its version and content, who is in it, its suggestions and authorship at that version
/// (<paramref name="Tracked"/>), the display names of every author id that state holds (<paramref name="People"/>), and
/// whether the story makes every edit a suggestion now.
/// </summary>
public sealed record JoinResult(
    int Version, string Text, IReadOnlyList<Collaborator> Collaborators, TrackedTextState Tracked, IReadOnlyDictionary<string, string> People,
    bool SuggestOnly);

/// <summary>The text's version once a decision (or a suggestion's note) is in it.</summary>
public sealed record DecideResult(int Version);

/// <summary>
/// The text's version once the push is in it, and how long to wait before the next push (0: no wait; see
/// <see cref="PushPacing"/>); or, from <see cref="CollabHub.TryPush"/>, why it was refused (then nothing of it was taken).
/// </summary>
public sealed record PushResult(int Version, int PushAfterMs = 0, PushRefused? Refused = null);

/// <summary>
/// A refused push as the editor acts on it: the refusal's code, its sentence in the caller's language, and whether it
/// passes by itself (<see cref="Application.Common.Refusals.Passes"/>: send the same updates again later) or stands
/// (they will never be taken as they are).
/// </summary>
public sealed record PushRefused(string Code, string Message, bool Retry);

/// <summary>
/// Live co-editing of a story's headline, standfirst and body (the protocol of @codemirror/collab). Each method
/// checks access through the request it sends; the rules live in Application and Domain.
/// </summary>
[Authorize]
public sealed class CollabHub(IMediator mediator, PresenceRegistry presence, ICurrentUser user, PushPacing pacing) : Hub<ICollabClient>
{
    public const string Path = "/hubs/collab";

    public async Task<JoinResult> Join(Guid storyId, string field)
    {
        var joined = await mediator.Send(new JoinText.Query(storyId, field));
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(storyId, field));
        var collaborators = await presence.JoinAsync(storyId, field, Context.ConnectionId, user.Id!.Value, user.Name);
        await Clients.OthersInGroup(Group(storyId, field)).Presence(storyId, field, collaborators);
        return new JoinResult(joined.Version, joined.Text, collaborators, joined.Tracked, joined.People, joined.SuggestOnly);
    }

    public async Task<PushResult> Push(Guid storyId, string field, int version, IReadOnlyList<PushUpdates.PushedUpdate> updates)
    {
        // Accepted updates were committed and then broadcast (BroadcastLiveTextUpdates) before this returns.
        var started = Stopwatch.GetTimestamp();
        var pushed = await mediator.Send(new PushUpdates.Command(storyId, field, version, updates ?? []));
        return new PushResult(pushed.Version, pacing.PauseAfter(Stopwatch.GetElapsedTime(started)));
    }

    /// <summary>
    /// <see cref="Push"/>, with a refusal answered as data (<see cref="PushResult.Refused"/>, by <see cref="PushRefusals"/>)
    /// instead of thrown, so the editor can tell one that passes from one that stands (docs/protocol.md).
    /// </summary>
    public Task<PushResult> TryPush(Guid storyId, string field, int version, IReadOnlyList<PushUpdates.PushedUpdate> updates) =>
        Push(storyId, field, version, updates);

    /// <summary>
    /// Accepts or rejects one open suggestion (its id names its field); the decision reaches everyone in the text as an
    /// update and is named in the story's history, as over HTTP.
    /// </summary>
    public Task<DecideResult> Decide(Guid storyId, string field, string suggestionId, bool accept) =>
        InFieldAsync(field, suggestionId, async () => (await mediator.Send(new SettleSuggestion.Command(storyId, suggestionId, accept))).Version);

    /// <summary>
    /// Adds, changes or clears (null or blank) the note of one of the caller's own open suggestions; the note reaches
    /// everyone in the text as an update.
    /// </summary>
    public Task<DecideResult> SetNote(Guid storyId, string field, string suggestionId, string? note) =>
        InFieldAsync(field, suggestionId, async () => (await mediator.Send(new SetSuggestionNote.Command(storyId, suggestionId, note))).Version);

    /// <summary>Accepts or rejects every open suggestion in the text, or every one by <paramref name="suggestedBy"/> (an author id).</summary>
    public async Task<DecideResult> DecideAll(Guid storyId, string field, bool accept, string? suggestedBy)
    {
        var decided = await mediator.Send(new SettleAllSuggestions.Command(
            storyId, accept, Guid.TryParse(suggestedBy, out var by) ? by : null, LiveFields.IsKnown(field) ? field : "?"));
        return new(decided.Versions.GetValueOrDefault(field));
    }

    public Task<UpdateBatch> Pull(Guid storyId, string field, int version) =>
        mediator.Send(new PullUpdates.Query(storyId, field, version));

    public async Task SetSelection(Guid storyId, string field, int anchor, int head)
    {
        if (await presence.MoveAsync(storyId, field, Context.ConnectionId, anchor, head) is { } collaborators)
        {
            await Clients.OthersInGroup(Group(storyId, field)).Presence(storyId, field, collaborators);
        }
    }

    /// <summary>This person's focus left the field (they typed elsewhere or left the page's editors).</summary>
    public async Task Blur(Guid storyId, string field)
    {
        if (await presence.BlurAsync(storyId, field, Context.ConnectionId) is { } collaborators)
        {
            await Clients.OthersInGroup(Group(storyId, field)).Presence(storyId, field, collaborators);
        }
    }

    public async Task Leave(Guid storyId, string field)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(storyId, field));
        if (await presence.LeaveAsync(storyId, field, Context.ConnectionId) is { } collaborators)
        {
            await Clients.Group(Group(storyId, field)).Presence(storyId, field, collaborators);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var (storyId, field, collaborators) in await presence.LeaveAllAsync(Context.ConnectionId))
        {
            await Clients.Group(Group(storyId, field)).Presence(storyId, field, collaborators);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>A suggestion's id names its field: one named for another field is not open in this one.</summary>
    private static async Task<DecideResult> InFieldAsync(string field, string suggestionId, Func<Task<int>> send) =>
        SettleSuggestion.FieldOf(suggestionId) == field
            ? new(await send())
            : throw new RefusedException(Refusal.Conflict("suggestion.not-open", suggestionId));

    internal static string Group(Guid storyId, string field) => $"text:{storyId:N}:{field}";
}
