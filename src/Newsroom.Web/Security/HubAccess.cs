using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Security;

/// <summary>
/// SignalR: a hub connection keeps the identity it connected with for as long as it stays open. Every call is
/// checked (refused with the reason), and <see cref="HubAccessSweeper"/> closes the connections of accounts whose
/// access was withdrawn, including those that only listen.
/// </summary>
internal sealed class HubAccessFilter(AccountAccess access, OpenHubConnections connections) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (IsOurs(invocationContext.Hub)
            && await WithdrawnAccessMiddleware.WhyWithdrawnAsync(
                access, invocationContext.Context.User ?? new(), invocationContext.Context.ConnectionAborted) is { } why)
        {
            // Refused with the reason; the sweep closes the connection (closing it here would lose the message).
            throw new HubException(RefusalText.Render(Refusal.Forbidden(why)));
        }

        return await next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (IsOurs(context.Hub))
        {
            connections.Add(context.Context);
        }

        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Remove(context.Context);
        return next(context, exception);
    }

    // Blazor's own hub is covered by its circuit's revalidation (IdentityRevalidatingAuthenticationStateProvider).
    private static bool IsOurs(Hub hub) => hub.GetType().Assembly == typeof(HubAccessFilter).Assembly;
}

/// <summary>The open connections to Newsroom's own hubs, so access withdrawn can close them.</summary>
internal sealed class OpenHubConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();

    public void Add(HubCallerContext context) => _open[context.ConnectionId] = context;

    public void Remove(HubCallerContext context) => _open.TryRemove(context.ConnectionId, out _);

    public IEnumerable<HubCallerContext> All => _open.Values;
}

internal sealed class HubAccessSweeper(AccountAccess access, OpenHubConnections connections, ILogger<HubAccessSweeper> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(access.CheckEvery, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var connection in connections.All)
            {
                try
                {
                    if (await WithdrawnAccessMiddleware.WhyWithdrawnAsync(access, connection.User ?? new(), stoppingToken) is { } why)
                    {
                        if (log.IsEnabled(LogLevel.Information))
                        {
                            log.LogInformation("Closing hub connection {ConnectionId}: {Reason}", connection.ConnectionId, why);
                        }

                        connection.Abort();
                        connections.Remove(connection);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One unreadable account must not stop the sweep; the next round tries again.
                    log.LogWarning(e, "Could not check hub connection {ConnectionId}", connection.ConnectionId);
                }
            }
        }
    }
}
