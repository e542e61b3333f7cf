using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Collab;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

/// <summary>
/// Tells a story's open editors whether their edits are suggestions now (<c>SuggestOnly(storyId, on)</c>), in every
/// field's group. Once, from the instance where it happened; the backplane carries it to the rest.
/// </summary>
internal sealed class BroadcastSuggestOnly(IHubContext<CollabHub, ICollabClient> hub, ILogger<BroadcastSuggestOnly> logger)
    : INotificationHandler<SuggestOnlyChanged>
{
    public Task Handle(SuggestOnlyChanged notification, CancellationToken cancellationToken)
    {
        AfterCommit.Send(
            hub.Clients.Groups([.. LiveFields.All.Select(field => CollabHub.Group(notification.StoryId, field))]).SuggestOnly(notification.StoryId, notification.On),
            logger);
        return Task.CompletedTask;
    }
}
