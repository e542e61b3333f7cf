using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Common.Security;

namespace Newsroom.Web.Security;

/// <summary>HTTP requests: the signed-in principal of this request.</summary>
internal sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser currentUser)
    {
        currentUser.Principal = context.User;
        return next(context);
    }
}

/// <summary>
/// Blazor circuits: a circuit has its own DI scope and no HttpContext, so the principal comes from the circuit's
/// authentication state, and follows it when that changes.
/// </summary>
internal sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authentication, CurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        currentUser.Principal = (await authentication.GetAuthenticationStateAsync()).User;
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;

    private async void OnAuthenticationChanged(Task<AuthenticationState> state)
    {
        try
        {
            currentUser.Principal = (await state).User;
        }
        catch (InvalidOperationException)
        {
            // The state provider failed to produce a user; the previous principal stays until it can.
        }
    }
}

/// <summary>SignalR: each hub invocation gets its own scope; the principal is the connection's.</summary>
internal sealed class CurrentUserHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        invocationContext.ServiceProvider.GetRequiredService<CurrentUser>().Principal =
            invocationContext.Context.User ?? new();
        return next(invocationContext);
    }
}
