using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsroom.Domain;
using Npgsql;

namespace Newsroom.Application.Common.Resilience;

/// <summary>
/// Whether PostgreSQL is out of reach right now, and riding it out: a request that may run again retries for a
/// bounded time (<see cref="RideOutAsync{T}"/>), then is refused as <c>saving.paused</c>. An outage is one incident
/// with one log line when it starts and one when it ends, however many requests meet it; <c>/health</c> reports it.
/// </summary>
/// <remarks>
/// Choices (ADR-017): Npgsql's retrying execution strategy retries one database operation and refuses explicit
/// transactions unless each is wrapped in it; the live editor's unit that is safe to repeat is the whole request (a
/// push lands once however often it is sent, by client id), so the request is what is retried, here.
/// </remarks>
public sealed partial class DatabaseOutage(ILogger<DatabaseOutage> logger, TimeProvider clock, IOptions<DatabaseOutage.Options> options)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Incident? _current;
    private long _lastReached;

    /// <summary>The outage going on now, or null while the database answers.</summary>
    public Incident? Current => Volatile.Read(ref _current);

    public TimeSpan RetryFor => options.Value.RetryFor;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it gets through, retrying while the database is out of reach for at most
    /// <see cref="Options.RetryFor"/>; past that, a <c>saving.paused</c> refusal. Only for work that may run twice.
    /// </summary>
    public async Task<T> RideOutAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            var begun = Begin();
            try
            {
                var result = await attempt();
                Reachable(begun);
                return result;
            }
            catch (Exception e) when (IsOutage(e))
            {
                Unreachable(e, begun);
                if (clock.GetElapsedTime(started) + pause > RetryFor)
                {
                    Volatile.Read(ref _current)?.CountRefused();
                    throw new RefusedException(Refusal.Unavailable("saving.paused"));
                }
            }

            await Task.Delay(pause, clock, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    /// <summary>When an attempt at the database begins, for <see cref="Unreachable"/>.</summary>
    public long Begin() => clock.GetTimestamp();

    /// <summary>
    /// Records that <paramref name="exception"/>, from an attempt <see cref="Begin">begun</see> at
    /// <paramref name="begun"/>, met the database out of reach: the first starts an incident and logs one line. False
    /// (and nothing recorded) for any other failure.
    /// </summary>
    /// <remarks>
    /// Only an attempt begun after the last change says something new: while the server starts up, connections opened
    /// a moment too early fail ("starting up") after others already got through, and work that finished just before a
    /// crash reports success just after it; neither must end one incident or start another.
    /// </remarks>
    public bool Unreachable(Exception exception, long begun)
    {
        if (!IsOutage(exception))
        {
            return false;
        }

        lock (_gate)
        {
            if (_current is null && begun > _lastReached)
            {
                _current = new Incident(clock.GetUtcNow(), clock.GetTimestamp(), Innermost(exception).Message);
                LogStarted(logger, _current.Reason, RetryFor.TotalSeconds);
            }
        }

        return true;
    }

    /// <summary>
    /// An attempt <see cref="Begin">begun</see> at <paramref name="begun"/> just got through to the database: an
    /// incident that started before it ends, with one line.
    /// </summary>
    public void Reachable(long begun)
    {
        if (Volatile.Read(ref _current) is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_current is { } ended && begun > ended.Started)
            {
                _lastReached = clock.GetTimestamp();
                _current = null;
                LogEnded(logger, (clock.GetUtcNow() - ended.Since).TotalSeconds, ended.Refused);
            }
        }
    }

    /// <summary>
    /// The database is out of reach, as opposed to refusing this statement: the connection failed or broke, the server
    /// is shutting down, starting up or out of connections. Deadlocks and constraint violations are not outages.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // 08: connection exception; 53: insufficient resources (too many connections); 57P01-57P03: admin
                    // or crash shutdown, cannot connect now (starting up, in recovery).
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                           || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                           || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                               or PostgresErrorCodes.CannotConnectNow;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Database unreachable ({Reason}); live edits wait up to {RetrySeconds} s, then are refused as saving paused")]
    private static partial void LogStarted(ILogger logger, string reason, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database reachable again after {Seconds:0.0} s; {Refused} requests were refused meanwhile")]
    private static partial void LogEnded(ILogger logger, double seconds, int refused);

    /// <summary>One outage: since when, why (the first failure's innermost message), and how many requests gave up.</summary>
    public sealed class Incident(DateTimeOffset since, long started, string reason)
    {
        private int _refused;

        public DateTimeOffset Since { get; } = since;
        internal long Started { get; } = started;
        public string Reason { get; } = reason;
        public int Refused => Volatile.Read(ref _refused);

        internal void CountRefused() => Interlocked.Increment(ref _refused);
    }

    public sealed class Options
    {
        /// <summary>How long a request waits for the database before it is refused as saving paused.</summary>
        public TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(10);
    }
}
