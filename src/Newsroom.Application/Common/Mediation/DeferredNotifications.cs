using MediatR;

namespace Newsroom.Application.Common.Mediation;

/// <summary>
/// Notifications a handler raises after its commit, held until the pipeline has written the command's audit row, so
/// a listener that reads the audit log (the board shows each story's last step from it) finds the step it is told of.
/// Outside a command's pipeline they are published at once.
/// </summary>
/// <remarks>
/// An <see cref="AsyncLocal{T}"/>, not a scoped service: a Blazor circuit is one scope for many concurrent commands,
/// and each must publish its own notifications, not another's.
/// </remarks>
public static class DeferredNotifications
{
    private static readonly AsyncLocal<List<Func<CancellationToken, Task>>?> Pending = new();

    public static Task PublishAsync<TNotification>(IMediator mediator, TNotification notification, CancellationToken cancellationToken)
        where TNotification : INotification
    {
        if (Pending.Value is { } pending)
        {
            pending.Add(ct => mediator.Publish(notification, ct));
            return Task.CompletedTask;
        }

        return mediator.Publish(notification, cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> holding back its notifications, then publishes them if it succeeded.</summary>
    internal static async Task<T> HoldDuringAsync<T>(Func<Task<T>> command, CancellationToken cancellationToken)
    {
        var outer = Pending.Value;
        var pending = new List<Func<CancellationToken, Task>>();
        Pending.Value = pending;
        T result;
        try
        {
            result = await command();
        }
        finally
        {
            Pending.Value = outer;
        }

        foreach (var publish in pending)
        {
            await publish(cancellationToken);
        }

        return result;
    }
}
