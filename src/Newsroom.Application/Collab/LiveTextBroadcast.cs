using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsroom.Application.StoryStore;

namespace Newsroom.Application.Collab;

/// <summary>Announces what a commit did: the updates to everyone in the text, and a story sent back to review.</summary>
public sealed partial class LiveTextBroadcast(IServiceScopeFactory scopes, ILogger<LiveTextBroadcast> logger)
{
    public async Task UpdatesAsync(LiveTextUpdated updated, CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync(updated, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Committed is committed: editors that missed the broadcast see a gap at the next one and pull.
            LogBroadcastFailed(logger, e, updated.StoryId, updated.Field);
        }
    }

    public Task StoryChangedAsync(StoryChanged changed, CancellationToken cancellationToken) => PublishAsync(changed, cancellationToken);

    private async Task PublishAsync<TNotification>(TNotification notification, CancellationToken cancellationToken)
        where TNotification : INotification
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcasting committed updates of {StoryId}/{Field} failed; editors will pull them.")]
    private static partial void LogBroadcastFailed(ILogger logger, Exception exception, Guid storyId, string field);
}
