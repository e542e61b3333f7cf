using System.Collections.Concurrent;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Data;

namespace Newsroom.Application.Common.Security;

/// <summary>
/// Whether what someone signed in with still stands: the account exists, is not disabled, and its security stamp is
/// the one their cookie, token or connection was issued with (disabling, a role change and a new password all
/// change it). Every channel asks here, so access taken away is taken away everywhere within <see cref="CheckEvery"/>.
/// </summary>
/// <remarks>
/// Each account's row is read at most once per <see cref="CheckEvery"/> per instance, not once per request or
/// keystroke; a change to the account (<see cref="AccountAccessChanged"/>) counts at once on every instance, and
/// <see cref="CheckEvery"/> bounds it only should that news be lost.
/// </remarks>
public sealed class AccountAccess(
    IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock, IOptions<AccountAccess.Options> options)
{
    public const string Disabled = "access.disabled";
    public const string Changed = "access.changed";
    public const string Gone = "access.gone";

    private readonly ConcurrentDictionary<Guid, Standing> _standings = new();

    /// <summary>How stale a check may be: the longest a withdrawn access keeps working on another instance.</summary>
    public TimeSpan CheckEvery => options.Value.CheckEvery;

    /// <returns>Null while access stands; otherwise why it was withdrawn, in words for the person.</returns>
    public async ValueTask<string?> WhyWithdrawnAsync(Guid userId, string? securityStamp, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!_standings.TryGetValue(userId, out var standing) || now - standing.ReadAt >= CheckEvery)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var row = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, Disabled = u.DisabledAt != null })
                .SingleOrDefaultAsync(cancellationToken);
            standing = new Standing(now, row is not null, row?.Disabled ?? false, row?.SecurityStamp);
            _standings[userId] = standing;
        }

        return !standing.Exists ? Gone
            : standing.Disabled ? Disabled
            : securityStamp != standing.SecurityStamp ? Changed
            : null;
    }

    public void Forget(Guid userId) => _standings.TryRemove(userId, out _);

    public void ForgetAll() => _standings.Clear();

    public sealed class Options
    {
        public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(30);
    }

    private sealed record Standing(DateTimeOffset ReadAt, bool Exists, bool Disabled, string? SecurityStamp);
}

/// <summary>An account was changed in a way that may take access away (disabled, role, password, sign-out).</summary>
public sealed record AccountAccessChanged(Guid UserId) : IInstanceNews;

internal sealed class ForgetChangedAccount(AccountAccess access)
    : INotificationHandler<OnEveryInstance<AccountAccessChanged>>, INotificationHandler<InstanceFeedResumed>
{
    public Task Handle(OnEveryInstance<AccountAccessChanged> notification, CancellationToken cancellationToken)
    {
        access.Forget(notification.News.UserId);
        return Task.CompletedTask;
    }

    public Task Handle(InstanceFeedResumed notification, CancellationToken cancellationToken)
    {
        access.ForgetAll();
        return Task.CompletedTask;
    }
}
