using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;

namespace Newsroom.Application.Features.Dashboard;

/// <summary>
/// The board as this instance last read it, one per desk filter, shared by every open board page and wall screen:
/// a change reaches two thousand open pages as one read of the board, not two thousand.
/// </summary>
/// <remarks>
/// Pages read again when news arrives from any instance (<see cref="OnEveryInstance{T}"/>). Readers that arrive
/// together share one read; news bumps a generation, so a reader who heard of a change never joins a read that
/// began before it. Each read first compares a fingerprint of what the board shows (one cheap query: the last audit
/// row, the stories' count and latest change, the revisions' count), so a change made where no news was sent (a
/// script's SQL, a restored backup, news lost between instances) is still seen; a board older than
/// <see cref="MaxAge"/> is read again anyway, as hours and the published day move on.
/// </remarks>
public sealed class BoardReadModel(BoardReader reader, IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Generation, Task<Board> Read)> _reading = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Generation, Fingerprint Fingerprint, Board Board)> _read = new(StringComparer.Ordinal);
    private long _generation;

    public Task<Board> GetAsync(string? desk, CancellationToken cancellationToken)
    {
        var key = desk ?? "";
        Task<Board> read;
        lock (_gate)
        {
            if (!_reading.TryGetValue(key, out var reading) || reading.Generation != _generation)
            {
                var started = ReadAsync(key, desk, _generation);
                reading = (_generation, started);
                _reading[key] = reading;
                // Readers after this one check again (cheaply) rather than reuse its answer forever.
                _ = started.ContinueWith(_ => Finished(key, started), CancellationToken.None,
                    TaskContinuationOptions.None, TaskScheduler.Default);
            }

            read = reading.Read;
        }

        // One reader leaving must not cancel the read the others wait for.
        return read.WaitAsync(cancellationToken);
    }

    /// <summary>Something on the board changed: the next reader reads afresh.</summary>
    public void Changed()
    {
        lock (_gate)
        {
            _generation++;
        }
    }

    private void Finished(string key, Task<Board> read)
    {
        lock (_gate)
        {
            if (_reading.TryGetValue(key, out var reading) && reading.Read == read)
            {
                _reading.Remove(key);
            }
        }
    }

    private async Task<Board> ReadAsync(string key, string? desk, long generation)
    {
        var fingerprint = await FingerprintAsync();
        (long Generation, Fingerprint Fingerprint, Board Board) last;
        lock (_gate)
        {
            _read.TryGetValue(key, out last);
        }

        // Since news arrived, read whatever the fingerprint says: some news (the banner) is not in it.
        if (last.Board is { } board && last.Generation == generation && last.Fingerprint == fingerprint
            && clock.GetUtcNow() - board.At < MaxAge)
        {
            return board;
        }

        board = await reader.ReadAsync(desk, CancellationToken.None);
        lock (_gate)
        {
            _read[key] = (generation, fingerprint, board);
        }

        return board;
    }

    private async Task<Fingerprint> FingerprintAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return new Fingerprint(
            await db.AuditLog.MaxAsync(a => (long?)a.Id),
            await db.Stories.CountAsync(),
            await db.Stories.MaxAsync(s => (DateTimeOffset?)s.UpdatedAt),
            await db.Revisions.CountAsync());
    }

    private sealed record Fingerprint(long? LastAudit, int Stories, DateTimeOffset? LastStoryChange, int Revisions);

    /// <remarks>
    /// Runs before the pages hear the same news (Application's handlers are registered before Web's
    /// <c>RaisePageEvents</c>, and MediatR runs them in turn), so a page told of a change never joins a read that
    /// began before it.
    /// </remarks>
    internal sealed class ReadAgain(BoardReadModel board)
        : INotificationHandler<OnEveryInstance<StoryChanged>>, INotificationHandler<OnEveryInstance<WallChanged>>,
            INotificationHandler<InstanceFeedResumed>
    {
        public Task Handle(OnEveryInstance<StoryChanged> notification, CancellationToken cancellationToken) => Forget();

        public Task Handle(OnEveryInstance<WallChanged> notification, CancellationToken cancellationToken) => Forget();

        public Task Handle(InstanceFeedResumed notification, CancellationToken cancellationToken) => Forget();

        private Task Forget()
        {
            board.Changed();
            return Task.CompletedTask;
        }
    }
}
