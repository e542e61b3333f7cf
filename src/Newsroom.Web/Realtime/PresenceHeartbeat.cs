using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Common.Instances;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

/// <summary>
/// Every third of <see cref="PresenceRegistry.Expiry"/>: renews this instance's people in the shared store, and
/// tells the people of any text someone vanished from (their instance died) or came back to (Redis lost everyone in
/// an outage, and each instance's renewal puts its people back), so carets and names go and come by themselves.
/// </summary>
internal sealed partial class PresenceHeartbeat(
    PresenceRegistry presence, IHubContext<CollabHub, ICollabClient> hub, TimeProvider clock, ILogger<PresenceHeartbeat> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(presence.Expiry / 3, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var (storyId, field, collaborators) in await presence.RenewAsync())
                {
                    await hub.Clients.Group(CollabHub.Group(storyId, field)).Presence(storyId, field, collaborators);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // Redis away: the next beat tries again, well within the expiry.
                LogRenewFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew presence; trying again at the next beat.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);
}

/// <summary>Someone came or went on another instance: this one reads that story's people again.</summary>
internal sealed class RefreshPresence(PresenceRegistry presence) : INotificationHandler<OnEveryInstance<PresenceChanged>>
{
    public Task Handle(OnEveryInstance<PresenceChanged> notification, CancellationToken cancellationToken) =>
        presence.RefreshAsync(notification.News.StoryId);
}
