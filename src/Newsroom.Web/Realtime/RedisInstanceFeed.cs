using System.Text.Json;
using MediatR;
using Newsroom.Application.Common.Instances;
using StackExchange.Redis;

namespace Newsroom.Web.Realtime;

/// <summary>
/// The other instances, through Redis pub/sub (ADR-018): news goes out on one channel as JSON naming its type, and
/// every instance publishes <see cref="OnEveryInstance{T}"/> of what the others said, in the order they said it.
/// </summary>
/// <remarks>
/// Pub/sub keeps nothing for a subscriber that is away. So when this instance's link to Redis comes back after a
/// blip, it publishes <see cref="InstanceFeedResumed"/> here (it may have missed news) and asks every other instance
/// to do the same (news it sent meanwhile may never have left). Pages then read again and caches forget everything:
/// late, never silently stale. Sending never waits for Redis: a command does not stall while the broker is away.
/// </remarks>
internal sealed partial class RedisInstanceFeed(
    IConnectionMultiplexer redis, IServiceScopeFactory scopes, ILogger<RedisInstanceFeed> logger) : IOtherInstances, IHostedService
{
    private const string Resumed = "resumed";

    private static readonly RedisChannel Channel = RedisChannel.Literal("newsroom:instance-news");

    // Only these types are ever read from the channel: news is data, never a type named by whoever wrote it.
    private static readonly Dictionary<string, Type> NewsTypes =
        new[] { typeof(IInstanceNews).Assembly, typeof(RedisInstanceFeed).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IInstanceNews).IsAssignableFrom(t))
            .ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    private readonly string _me = Guid.NewGuid().ToString("N");
    private ChannelMessageQueue? _queue;

    public Task TellAsync(IInstanceNews news, CancellationToken cancellationToken)
    {
        Send(new Envelope(_me, news.GetType().FullName!, JsonSerializer.SerializeToElement(news, news.GetType())));
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        _queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        // One message at a time, in the order Redis delivers them: a story's changes are heard in the order made.
        _queue.OnMessage(ReceiveAsync);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    private void Send(Envelope envelope) =>
        // Fire and forget: queued while Redis is away, and a lost message is made good by the resume that follows.
        redis.GetSubscriber().Publish(Channel, JsonSerializer.Serialize(envelope), CommandFlags.FireAndForget);

    private async Task ReceiveAsync(ChannelMessage message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.Message.ToString());
            if (envelope is null || envelope.From == _me)
            {
                return;
            }

            if (envelope.Type == Resumed)
            {
                await PublishHereAsync(new InstanceFeedResumed());
            }
            else if (NewsTypes.TryGetValue(envelope.Type, out var type) && envelope.News.Deserialize(type) is IInstanceNews news)
            {
                await PublishHereAsync((INotification)Activator.CreateInstance(typeof(OnEveryInstance<>).MakeGenericType(type), news)!);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One bad message or one failing listener must not stop the feed.
            LogReceiveFailed(logger, e);
        }
    }

    private async Task PublishHereAsync(INotification notification)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            LogLinkLost(logger, e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        LogLinkBack(logger);
        Send(new Envelope(_me, Resumed, default));
        _ = CatchUpAsync();
    }

    private async Task CatchUpAsync()
    {
        try
        {
            await PublishHereAsync(new InstanceFeedResumed());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReceiveFailed(logger, e);
        }
    }

    private sealed record Envelope(string From, string Type, JsonElement News);

    [LoggerMessage(Level = LogLevel.Error, Message = "News from another instance could not be taken in.")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the link to Redis ({Failure}): news from other instances waits until it is back.")]
    private static partial void LogLinkLost(ILogger logger, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The link to Redis is back: pages read again and caches start afresh, in case news was lost meanwhile.")]
    private static partial void LogLinkBack(ILogger logger);
}
