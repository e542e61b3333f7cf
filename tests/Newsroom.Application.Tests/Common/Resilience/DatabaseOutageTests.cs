using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsroom.Application.Common.Resilience;
using Newsroom.Domain;
using Newsroom.Testing;
using Npgsql;

namespace Newsroom.Application.Tests.Common.Resilience;

/// <summary>What counts as an outage and how a request rides one out; the crash itself is in the web tests.</summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;

    public DatabaseOutageTests() => _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs));

    public void Dispose() => _loggers.Dispose();

    private DatabaseOutage Outage(TimeSpan retryFor) =>
        new(_loggers.CreateLogger<DatabaseOutage>(), TimeProvider.System, Options.Create(new DatabaseOutage.Options { RetryFor = retryFor }));

    private static NpgsqlException Broken() => new("Exception while reading from stream", new IOException("Connection reset by peer"));

    [Fact]
    public void A_broken_connection_or_a_server_going_down_is_an_outage_and_an_answer_from_the_server_is_not()
    {
        Assert.True(DatabaseOutage.IsOutage(Broken()));
        Assert.True(DatabaseOutage.IsOutage(new InvalidOperationException("wrapped", Broken())));
        Assert.True(DatabaseOutage.IsOutage(new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow)));
        Assert.True(DatabaseOutage.IsOutage(new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown)));
        Assert.False(DatabaseOutage.IsOutage(new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected)));
        Assert.False(DatabaseOutage.IsOutage(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.False(DatabaseOutage.IsOutage(new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task A_request_waits_out_a_short_outage_and_the_incident_is_one_line_as_it_starts_and_one_as_it_ends()
    {
        var outage = Outage(TimeSpan.FromSeconds(10));
        var attempts = 0;

        var answer = await outage.RideOutAsync(() => ++attempts < 4 ? throw Broken() : Task.FromResult(42), CancellationToken.None);

        Assert.Equal(42, answer);
        Assert.Equal(4, attempts);
        Assert.Null(outage.Current);
        Assert.Collection(_logs.Lines,
            started => Assert.StartsWith("Database unreachable (Connection reset by peer)", started.Message, StringComparison.Ordinal),
            ended => Assert.StartsWith("Database reachable again", ended.Message, StringComparison.Ordinal));
        Assert.All(_logs.Lines, l => Assert.Null(l.Exception));
    }

    [Fact]
    public async Task Past_its_budget_a_request_is_refused_as_saving_paused_and_the_incident_stays_open_until_something_gets_through()
    {
        var outage = Outage(TimeSpan.FromMilliseconds(300));

        var refused = await Assert.ThrowsAsync<RefusedException>(() =>
            outage.RideOutAsync<int>(() => throw Broken(), CancellationToken.None));

        Assert.Equal(Refusal.Unavailable("saving.paused").ToString(), refused.Refusal.ToString());
        Assert.Equal(RefusalKind.Unavailable, refused.Refusal.Kind);
        Assert.Equal(1, outage.Current?.Refused);
        Assert.Single(_logs.Lines);

        outage.Reachable(outage.Begin());
        Assert.Null(outage.Current);
        Assert.Contains("1 requests were refused", _logs.Lines[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_that_is_not_an_outage_is_not_retried()
    {
        var outage = Outage(TimeSpan.FromSeconds(10));
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(() => outage.RideOutAsync<int>(
            () => { attempts++; throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected); },
            CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Null(outage.Current);
        Assert.Empty(_logs.Lines);
    }

    [Fact]
    public void An_attempt_begun_before_the_database_came_back_neither_ends_the_incident_nor_starts_another()
    {
        var outage = Outage(TimeSpan.FromSeconds(10));
        var early = outage.Begin();
        outage.Unreachable(Broken(), outage.Begin());

        outage.Reachable(early);
        Assert.NotNull(outage.Current);

        var late = outage.Begin();
        outage.Reachable(outage.Begin());
        outage.Unreachable(new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow), late);
        Assert.Null(outage.Current);
        Assert.Equal(2, _logs.Lines.Count);
    }
}
