using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Domain;

namespace Newsroom.Web.Hubs;

/// <summary>
/// At most <c>Hubs:PushesPerSecondPerPerson</c> (50) pushes a second per person to the live editor's hub on this
/// instance, with a burst of <c>Hubs:PushBurstPerPerson</c> (100): a browser sends at most one push per 40 ms and
/// one at a time, so only a script or a runaway client meets it. It is refused with the reason before any work is
/// done, and the refused edits stay with the client to be sent again.
/// </summary>
internal sealed class PushRateCap : IHubFilter, IDisposable
{
    private readonly int _perSecond;
    private readonly PartitionedRateLimiter<string> _limiter;

    public PushRateCap(IConfiguration configuration)
    {
        _perSecond = configuration.GetValue("Hubs:PushesPerSecondPerPerson", 50);
        var burst = configuration.GetValue("Hubs:PushBurstPerPerson", 100);
        _limiter = PartitionedRateLimiter.Create<string, string>(person => RateLimitPartition.GetTokenBucketLimiter(
            person, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(burst, 1),
                TokensPerPeriod = Math.Max(_perSecond, 1),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Hub is CollabHub
            && invocationContext.HubMethodName is nameof(CollabHub.Push) or nameof(CollabHub.TryPush)
            && invocationContext.Context.UserIdentifier is { } person)
        {
            using var lease = _limiter.AttemptAcquire(person);
            if (!lease.IsAcquired)
            {
                // Unavailable: nothing is wrong with the push, and the same one a moment later is taken.
                throw new RefusedException(Refusal.Unavailable("push.rate", _perSecond));
            }
        }

        return await next(invocationContext);
    }

    public void Dispose() => _limiter.Dispose();
}
