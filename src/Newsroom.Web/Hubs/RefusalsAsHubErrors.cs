using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Application.Common;
using Newsroom.Web.Localization;

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
        catch (Exception e) when (Refusals.KindOf(e) is not null)
        {
            // In the caller's language when its connection said which (the interface cookie or Accept-Language), else English.
            var culture = invocationContext.Context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;
            throw new HubException(RefusalText.MessageOf(e, culture ?? CultureInfo.GetCultureInfo("en")));
        }
    }
}
