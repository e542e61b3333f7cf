using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Collab;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

/// <summary>
/// Sends a text's resent updates to this instance's editors in it, one connection at a time: a message to a local
/// connection is written to it directly, never through Redis, so it arrives even while the backplane is still
/// subscribing again after an outage.
/// </summary>
internal sealed partial class SendResentUpdates(
    IHubContext<CollabHub, ICollabClient> hub, PresenceRegistry presence, ILogger<SendResentUpdates> logger)
    : INotificationHandler<LiveTextResent>
{
    public async Task Handle(LiveTextResent notification, CancellationToken cancellationToken)
    {
        foreach (var connectionId in presence.ConnectionsIn(notification.StoryId, notification.Field))
        {
            try
            {
                await hub.Clients.Client(connectionId)
                    .Updates(notification.StoryId, notification.Field, notification.FromVersion, notification.Updates);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // That connection went away meanwhile; it pulls when it comes back.
                LogSendFailed(logger, e, notification.StoryId, notification.Field);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Resending the latest update of {StoryId}/{Field} failed for a connection.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid storyId, string field);
}
