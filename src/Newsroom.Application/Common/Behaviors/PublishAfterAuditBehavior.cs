using MediatR;
using Newsroom.Application.Common.Mediation;

namespace Newsroom.Application.Common.Behaviors;

/// <summary>
/// Publishes what a command announced (<see cref="DeferredNotifications"/>) after <see cref="AuditBehavior{TRequest,TResponse}"/>
/// has written its row: registered just outside it. A refused or failed command announces nothing.
/// </summary>
public sealed class PublishAfterAuditBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is ICommand<TResponse>
            ? DeferredNotifications.HoldDuringAsync(() => next(), cancellationToken)
            : next();
}
