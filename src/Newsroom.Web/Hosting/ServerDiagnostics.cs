using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsroom.Application.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Web.Hosting;

/// <summary>How much this instance holds: live Blazor circuits, live texts and memory. For admins sizing a deployment,
/// and for the load tool's memory figures (per circuit, and through a day of editing).</summary>
public sealed record ServerDiagnosticsResult(int OpenCircuits, long ManagedBytes, long WorkingSetBytes, int LiveTexts);

internal static class ServerDiagnostics
{
    public static IServiceCollection AddServerDiagnostics(this IServiceCollection services)
    {
        services.AddSingleton<CircuitCount>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CountingCircuitHandler>());
        return services;
    }

    public static void MapServerDiagnostics(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/diagnostics", (CircuitCount circuits, TextSessions texts, bool? collect) =>
            {
                // A full collection first, when asked, so the figure is what is live rather than garbage not yet swept.
                var managed = GC.GetTotalMemory(forceFullCollection: collect == true);
                return new ServerDiagnosticsResult(circuits.Open, managed, Environment.WorkingSet, texts.Held.Count);
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithTags("Accounts");

    internal sealed class CircuitCount
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public void Opened() => Interlocked.Increment(ref _open);

        public void Closed() => Interlocked.Decrement(ref _open);
    }

    private sealed class CountingCircuitHandler(CircuitCount count) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            count.Opened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            count.Closed();
            return Task.CompletedTask;
        }
    }
}
