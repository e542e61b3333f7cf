using System.Security.Claims;
using MediatR;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Users;

namespace Newsroom.Web.Hosting;

/// <summary>Publishes scheduled stories when their embargo lifts, checking every few seconds.</summary>
internal sealed partial class ScheduledPublisher(IServiceScopeFactory scopes, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // The scheduler acts as itself, with the System role no account can hold, so the audit log says who did it.
    private static readonly ClaimsPrincipal Scheduler = new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.Empty.ToString()),
            new Claim(ClaimTypes.Name, "scheduler"),
            new Claim(CurrentUser.DisplayNameClaim, "Newsroom scheduler"),
            new Claim(ClaimTypes.Role, Roles.System),
        ],
        authenticationType: "system"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = Scheduler;
                var published = await scope.ServiceProvider.GetRequiredService<IMediator>()
                    .Send(new PublishDueStories.Command(), stoppingToken);
                if (published > 0)
                {
                    LogPublished(published);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database blip must not end the scheduler; the next tick tries again.
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} stories whose embargo lifted")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing scheduled stories failed; retrying on the next tick")]
    private partial void LogFailed(Exception exception);
}
