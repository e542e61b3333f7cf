using System.Text.Json;
using System.Threading.Channels;
using MediatR;
using Newsroom.Application.Common.Instances;
using StackExchange.Redis;

namespace Newsroom.Web.Realtime;

/// <summary>
/// The other instances, through Redis pub/sub (ADR-018): news goes out on one channel as JSON naming its type, and
/// every instance publishes <see cref="OnEveryInstance{T}"/> of what the others said, in the order they said it.
/// </summary>
/// <remarks>
/// Pub/sub keeps nothing for a subscriber that is away. So whenever this instance's link to Redis comes back, it
/// says "resumed" on the channel until it hears itself say it: from then on its subscription is live again, so
/// whatever is said later reaches it, and what was said before is in the database. Only then does it publish
/// <see cref="InstanceFeedResumed"/> here (pages read again, caches forget everything), and every other instance
/// that hears the "resumed" does the same (news this one sent meanwhile may never have left): late, never silently
/// stale. StackExchange.Redis raises <c>ConnectionRestored</c> per connection (interactive, subscription) and
/// subscribes again only after it, so the link being "back" proves nothing by itself. Sending news never waits
/// for Redis: a command does not stall while the broker is away.
/// </remarks>
internal sealed partial class RedisInstanceFeed(
    IConnectionMultiplexer redis, IServiceScopeFactory scopes, ILogger<RedisInstanceFeed> logger) : IOtherInstances, IHostedService, IDisposable
{
    private const string Resumed = "resumed";

    /// <summary>How long to wait to hear our own "resumed" before saying it again, and how many times to say it.</summary>
    internal static readonly TimeSpan EchoWait = TimeSpan.FromSeconds(1);

    internal const int EchoAttempts = 30;

    private static readonly RedisChannel NewsChannel = RedisChannel.Literal("newsroom:instance-news");

    // Only these types are ever read from the channel: news is data, never a type named by whoever wrote it.
    private static readonly Dictionary<string, Type> NewsTypes =
        new[] { typeof(IInstanceNews).Assembly, typeof(RedisInstanceFeed).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IInstanceNews).IsAssignableFrom(t))
            .ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    private readonly string _me = Guid.NewGuid().ToString("N");

    // A link that comes back while a catch-up runs asks for one more after it, not one each.
    private readonly Channel<bool> _linkBack = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly CancellationTokenSource _stopping = new();
    private ChannelMessageQueue? _queue;
    private Task _catchingUp = Task.CompletedTask;
    private TaskCompletionSource? _echo;

    public Task TellAsync(IInstanceNews news, CancellationToken cancellationToken)
    {
        try
        {
            Send(new Envelope(_me, news.GetType().FullName!, JsonSerializer.SerializeToElement(news, news.GetType())));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The change is committed whatever Redis says; the others read again once this link is back.
            LogSendFailed(logger, e);
        }

        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        _queue = await redis.GetSubscriber().SubscribeAsync(NewsChannel);
        // One message at a time, in the order Redis delivers them: a story's changes are heard in the order made.
        _queue.OnMessage(ReceiveAsync);
        _catchingUp = CatchUpWhenLinkIsBackAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        await _stopping.CancelAsync();
        _linkBack.Writer.TryComplete();
        await _catchingUp.WaitAsync(cancellationToken);
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    public void Dispose() => _stopping.Dispose();

    private void Send(Envelope envelope) =>
        // Fire and forget: queued while Redis is away, and a lost message is made good by the catch-up that follows.
        redis.GetSubscriber().Publish(NewsChannel, JsonSerializer.Serialize(envelope), CommandFlags.FireAndForget);

    private async Task ReceiveAsync(ChannelMessage message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.Message.ToString());
            if (envelope is null)
            {
                return;
            }

            if (envelope.From == _me)
            {
                if (envelope.Type == Resumed)
                {
                    Volatile.Read(ref _echo)?.TrySetResult();
                }

                return;
            }

            if (envelope.Type == Resumed)
            {
                await PublishHereAsync(new InstanceFeedResumed());
            }
            else if (NewsTypes.TryGetValue(envelope.Type, out var type) && envelope.News?.Deserialize(type) is IInstanceNews news)
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

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        LogLinkLost(logger, e.ConnectionType, e.FailureType);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        // Raised on StackExchange.Redis's own thread, which swallows what a handler throws: only hand the work on.
        LogLinkBack(logger, e.ConnectionType);
        _linkBack.Writer.TryWrite(true);
    }

    private async Task CatchUpWhenLinkIsBackAsync(CancellationToken stopping)
    {
        try
        {
            while (await _linkBack.Reader.WaitToReadAsync(stopping))
            {
                _linkBack.Reader.TryRead(out _);
                var waited = System.Diagnostics.Stopwatch.StartNew();
                if (await HearOurselvesAsync(stopping) is { } attempts)
                {
                    LogCaughtUp(logger, waited.ElapsedMilliseconds, attempts);
                }
                else
                {
                    LogEchoMissing(logger, EchoAttempts);
                }

                // Read again even unheard: pages then show at least what was committed by now.
                try
                {
                    await PublishHereAsync(new InstanceFeedResumed());
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogReceiveFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Says "resumed" until this instance hears it back, which proves its subscription is live again; how many times
    /// it was said, or null if it was never heard.
    /// </summary>
    private async Task<int?> HearOurselvesAsync(CancellationToken stopping)
    {
        var resumed = JsonSerializer.Serialize(new Envelope(_me, Resumed, null));
        for (var attempt = 0; attempt < EchoAttempts; attempt++)
        {
            var echo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _echo, echo);
            try
            {
                await redis.GetSubscriber().PublishAsync(NewsChannel, resumed);
                await echo.Task.WaitAsync(EchoWait, stopping);
                return attempt + 1;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Not back yet (or not subscribed yet): say it again.
                await Task.Delay(EchoWait / 4, stopping);
            }
        }

        return null;
    }

    private sealed record Envelope(string From, string Type, JsonElement? News);

    [LoggerMessage(Level = LogLevel.Error, Message = "News from another instance could not be taken in.")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "News could not be sent to the other instances; they read again when the link to Redis is back.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the link to Redis ({Connection}, {Failure}): news from other instances waits until it is back.")]
    private static partial void LogLinkLost(ILogger logger, ConnectionType connection, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The link to Redis is back ({Connection}): checking that news flows again.")]
    private static partial void LogLinkBack(ILogger logger, ConnectionType connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "News flows between instances again ({Milliseconds} ms after the link came back, heard on the {Attempts}. try): pages read again and caches start afresh, in case news was lost meanwhile.")]
    private static partial void LogCaughtUp(ILogger logger, long milliseconds, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The link to Redis is back but this instance did not hear itself after {Attempts} tries: pages read again now, yet news from other instances may not arrive.")]
    private static partial void LogEchoMissing(ILogger logger, int attempts);
}
