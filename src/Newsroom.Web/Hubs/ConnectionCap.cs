using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Newsroom.Web.Hubs;

/// <summary>
/// At most <c>Hubs:MaxConnectionsPerPerson</c> (20) open connections per person to each of Newsroom's hubs, on this
/// instance: a script or a runaway tab opening connection after connection is refused with the reason, and the
/// people typing next to it are not slowed down.
/// </summary>
internal sealed class ConnectionCap(IConfiguration configuration) : IHubFilter
{
    private readonly int _max = configuration.GetValue("Hubs:MaxConnectionsPerPerson", 20);
    private readonly ConcurrentDictionary<(Type Hub, string Person), int> _open = new();
    private readonly ConcurrentDictionary<string, (Type Hub, string Person)> _counted = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Hub.GetType().Assembly == typeof(ConnectionCap).Assembly && context.Context.UserIdentifier is { } person)
        {
            var key = (context.Hub.GetType(), person);
            if (_open.AddOrUpdate(key, 1, (_, open) => open + 1) > _max)
            {
                _open.AddOrUpdate(key, 0, (_, open) => open - 1);
                throw new HubException(
                    $"You already have {_max} live connections open here (tabs, windows or devices). Close some of them and reload.");
            }

            _counted[context.Context.ConnectionId] = key;
        }

        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (_counted.TryRemove(context.Context.ConnectionId, out var key))
        {
            _open.AddOrUpdate(key, 0, (_, open) => Math.Max(0, open - 1));
        }

        return next(context, exception);
    }
}
