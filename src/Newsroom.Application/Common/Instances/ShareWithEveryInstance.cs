using MediatR;

namespace Newsroom.Application.Common.Instances;

/// <summary>
/// Where news happens: this instance hears it at once (no round trip through the broker), then the others are told.
/// Registered as an open generic, so every <see cref="IInstanceNews"/> gets it and no other notification does.
/// </summary>
internal sealed class ShareWithEveryInstance<T>(IMediator mediator, IOtherInstances others) : INotificationHandler<T>
    where T : IInstanceNews
{
    public async Task Handle(T notification, CancellationToken cancellationToken)
    {
        await mediator.Publish(new OnEveryInstance<T>(notification), cancellationToken);
        await others.TellAsync(notification, cancellationToken);
    }
}
