using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Newsroom.Application.Common.Resilience;

namespace Newsroom.Web.Hosting;

/// <summary>
/// <c>/health</c>'s word on an outage going on: since when, why, and how many live edits were refused as saving
/// paused (they are kept in the browsers and sent again).
/// </summary>
internal sealed class DatabaseOutageCheck(DatabaseOutage outage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(outage.Current is { } incident
            ? HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"database unreachable since {incident.Since:O} ({incident.Reason}); saving paused after {outage.RetryFor.TotalSeconds:0.#} s; {incident.Refused} requests refused"))
            : HealthCheckResult.Healthy());
}
