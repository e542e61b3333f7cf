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
/// <remarks>
/// A failure is logged here, with its stack trace, and a refusal is not (its request's log line says why). SignalR's own
/// line for a failed invocation is switched off (Program.cs): it logged every refusal as an error with a stack trace,
/// one per push while the database was out of reach.
/// </remarks>
internal sealed partial class RefusalsAsHubErrors(ILogger<RefusalsAsHubErrors> logger) : IHubFilter
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
            throw new HubException(RefusalText.MessageOf(e, CultureOf(invocationContext.Context)));
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            LogFailed(logger, e, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName);
            throw;
        }
    }

    /// <summary>The caller's language when its connection said which (the interface cookie or Accept-Language), else English.</summary>
    public static CultureInfo CultureOf(HubCallerContext caller) =>
        caller.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.GetCultureInfo("en");

    [LoggerMessage(Level = LogLevel.Error, Message = "{Hub}.{Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string hub, string method);
}
