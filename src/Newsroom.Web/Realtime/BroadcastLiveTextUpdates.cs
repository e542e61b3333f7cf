using MediatR;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Collab;
using Newsroom.Web.Hubs;

namespace Newsroom.Web.Realtime;

/// <summary>Sends each committed batch to everyone in the text, the senders included (they confirm their own by client id).</summary>
/// <remarks>
/// The send is started, not awaited. Starting it writes the message into every connection's queue at once, in the
/// order batches are committed (this runs under the text's lock), and ahead of the acknowledgements that follow, so
/// a pusher still sees the broadcast before its acknowledgement. Awaiting it would wait for the slowest reader to
/// drain its socket, and one slow browser would hold up the text for everyone.
/// </remarks>
internal sealed partial class BroadcastLiveTextUpdates(IHubContext<CollabHub, ICollabClient> hub, ILogger<BroadcastLiveTextUpdates> logger)
    : INotificationHandler<LiveTextUpdated>
{
    public Task Handle(LiveTextUpdated notification, CancellationToken cancellationToken)
    {
        var sending = hub.Clients.Group(CollabHub.Group(notification.StoryId, notification.Field))
            .Updates(notification.StoryId, notification.Field, notification.FromVersion, notification.Updates);
        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending, notification);
        }

        return Task.CompletedTask;
    }

    private async Task ObserveAsync(Task sending, LiveTextUpdated notification)
    {
        try
        {
            await sending;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A connection that went away mid-send; the others got it, and that one pulls when it comes back.
            LogSendFailed(logger, e, notification.StoryId, notification.Field, notification.FromVersion);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending updates of {StoryId}/{Field} from version {FromVersion} failed for a connection.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid storyId, string field, int fromVersion);
}
