using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Common;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Hubs;

/// <summary>
/// Answers a refused <see cref="CollabHub.TryPush"/> as data, <see cref="PushResult.Refused"/>: its code, its sentence
/// in the caller's language, and whether it passes by itself (<see cref="Refusals.Passes"/>). The editor sends a
/// passing refusal's updates again later and recovers from a standing one instead of resending it for ever
/// (ADR-027). Every other hub call, and <see cref="CollabHub.Push"/> for older clients, keeps
/// <see cref="RefusalsAsHubErrors"/>; registered inside it, and outside <see cref="PushRateCap"/>, whose refusal passes.
/// </summary>
internal sealed class PushRefusals : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Hub is not CollabHub || invocationContext.HubMethodName != nameof(CollabHub.TryPush))
        {
            return await next(invocationContext);
        }

        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (Refusals.KindOf(e) is not null)
        {
            var message = RefusalText.MessageOf(e, RefusalsAsHubErrors.CultureOf(invocationContext.Context));
            return new PushResult(-1, 0, new PushRefused(Refusals.CodeOf(e), message, Refusals.Passes(e)));
        }
    }
}
