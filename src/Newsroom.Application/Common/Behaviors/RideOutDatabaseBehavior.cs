using MediatR;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Resilience;

namespace Newsroom.Application.Common.Behaviors;

/// <summary>
/// Sends a request that may run again (<see cref="IRetriedThroughOutage"/>) again while the database is out of reach,
/// for a bounded time, then refuses it as saving paused (<see cref="DatabaseOutage"/>). Everything inside it (access
/// checks, the handler) runs again, so a check that read a broken connection is not mistaken for a refusal.
/// </summary>
public sealed class RideOutDatabaseBehavior<TRequest, TResponse>(DatabaseOutage outage)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is IRetriedThroughOutage ? outage.RideOutAsync(() => next(), cancellationToken) : next();
}
