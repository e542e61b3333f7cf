using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Resilience;
using Newsroom.Application.Common.Security;
using Newsroom.Domain;

namespace Newsroom.Application.Common.Behaviors;

public sealed partial class LoggingBehavior<TRequest, TResponse>(
    ILogger<LoggingBehavior<TRequest, TResponse>> logger, ICurrentUser user, DatabaseOutage outage)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(
        TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = RequestName.Of(typeof(TRequest));
        var started = Stopwatch.GetTimestamp();
        var begun = outage.Begin();
        try
        {
            var response = await next();
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // Commands are the newsroom's work and worth a line each; reads and the timer's ticks are routine.
            if (request is IFrequentRequest or not ICommand<TResponse>)
            {
                LogHandledFrequent(name, user.Name, elapsedMs);
            }
            else
            {
                LogHandled(name, user.Name, elapsedMs);
            }

            return response;
        }
        catch (Exception e) when (Refusals.KindOf(e) is RefusalKind.Unavailable || outage.Unreachable(e, begun))
        {
            // The database is out of reach: one incident, logged once when it starts and once when it ends
            // (DatabaseOutage), not a line or a stack trace for every request that meets it.
            LogMetOutage(name, user.Name);
            throw;
        }
        catch (Exception e) when (Refusals.KindOf(e) is not null)
        {
            // Refusals are the system working as designed: worth a line, not a stack trace.
            LogRefused(name, user.Name, Refusals.MessageOf(e));
            throw;
        }
        catch (Exception e)
        {
            LogFailed(e, name, user.Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} by {User} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string request, string user, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} by {User} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandledFrequent(string request, string user, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Request} by {User} refused: {Reason}")]
    private partial void LogRefused(string request, string user, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} by {User} met the database out of reach")]
    private partial void LogMetOutage(string request, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} by {User} failed")]
    private partial void LogFailed(Exception exception, string request, string user);
}
