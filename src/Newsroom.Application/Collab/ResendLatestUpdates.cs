using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsroom.Application.Common.Instances;

namespace Newsroom.Application.Collab;

/// <summary>
/// After news between instances was cut off, editors may lack updates committed meanwhile: their broadcast went
/// through the backplane while Redis was away, and a client pulls only when a later broadcast shows it a gap. So
/// every text this instance holds catches up from the log and sends its latest update again to this instance's
/// editors in it: a client that holds it skips it, one a version behind takes it (a pusher so confirms its own), and
/// one further behind sees the gap and pulls.
/// </summary>
/// <remarks>
/// Each instance sends to its own connections, not to the text's group: a group message goes out through Redis, and
/// when Redis comes back StackExchange.Redis subscribes to the backplane's group channels again in its own time, so a
/// message sent to the group just then can reach nobody. Started, not awaited: the pages that hear the same news must
/// not wait for every text's query, and one text's failure must not keep the others from theirs.
/// </remarks>
internal sealed partial class ResendLatestUpdates(
    TextSessions sessions, UpdateLog log, IServiceScopeFactory scopes, ILogger<ResendLatestUpdates> logger)
    : INotificationHandler<InstanceFeedResumed>
{
    public Task Handle(InstanceFeedResumed notification, CancellationToken cancellationToken)
    {
        _ = ResendAsync(sessions.Held);
        return Task.CompletedTask;
    }

    private async Task ResendAsync(IReadOnlyList<TextSession> held)
    {
        foreach (var session in held)
        {
            await session.Gate.WaitAsync();
            try
            {
                await log.CatchUpAsync(session, CancellationToken.None);
                if (session.Version > session.BaseVersion)
                {
                    var from = session.Version - 1;
                    var latest = session.Since(from)[0];
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(
                        new LiveTextResent(session.StoryId, session.Field, from, UpdateBatch.Of(session.Field, from, [(latest, session.NameOf(latest.Tracking!.AuthorId))])));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogResendFailed(logger, e, session.StoryId, session.Field);
            }
            finally
            {
                session.Gate.Release();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {StoryId}/{Field}'s latest update again after the link between instances came back; its editors catch up at the next update.")]
    private static partial void LogResendFailed(ILogger logger, Exception exception, Guid storyId, string field);
}
