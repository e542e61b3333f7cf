using FluentValidation;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Domain;

namespace Newsroom.Web.Hubs;

/// <summary>
/// SignalR hides exception messages from clients unless they are HubExceptions. A refusal's message is written for
/// the person and leaks nothing, so it goes through as one; anything else stays hidden, and the connection stays usable.
/// </summary>
internal sealed class RefusalsAsHubErrors : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ValidationException e)
        {
            throw new HubException(string.Join(" ", e.Errors.Select(f => f.ErrorMessage).Distinct()));
        }
        catch (Exception e) when (e is NotAllowedException or DomainRuleException or PushRefusedException or NotFoundException)
        {
            throw new HubException(e.Message);
        }
    }
}
