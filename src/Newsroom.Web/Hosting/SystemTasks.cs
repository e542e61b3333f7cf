using System.Security.Claims;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Common.Resilience;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Users;

namespace Newsroom.Web.Hosting;

/// <summary>
/// The newsroom's own timed work, every few seconds: publish stories whose embargo lifted, write idle live texts back
/// to their stories as revisions, and keep the live texts' memory and log bounded.
/// </summary>
internal sealed partial class SystemTasks(IServiceScopeFactory scopes, DatabaseOutage outage, ILogger<SystemTasks> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    // It acts as itself, with the System role no account can hold, so the audit log says who did it.
    private static readonly ClaimsPrincipal System = new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.Empty.ToString()),
            new Claim(ClaimTypes.Name, "system"),
            new Claim(CurrentUser.DisplayNameClaim, "Newsroom"),
            new Claim(ClaimTypes.Role, Roles.System),
        ],
        authenticationType: "system"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (outage.Current is not null)
            {
                await ProbeAsync(stoppingToken);
            }

            await RunAsync("publishing scheduled stories", new PublishDueStories.Command(), stoppingToken);
            await RunAsync("saving live texts", new SaveLiveTexts.Command(), stoppingToken);
            await RunAsync("compacting live texts", new CompactLiveTexts.Command(), stoppingToken);
        }
    }

    private async Task RunAsync(string what, IRequest<int> command, CancellationToken stoppingToken)
    {
        var begun = outage.Begin();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = System;
            var done = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, stoppingToken);
            if (done > 0 && command is PublishDueStories.Command)
            {
                LogDone(what, done);
            }
            else if (done > 0)
            {
                // Live texts are saved every few seconds while anyone types: routine, not news.
                LogDoneRoutinely(what, done);
            }
        }
        catch (Exception e) when (outage.Unreachable(e, begun))
        {
            // Logged once for the whole outage (DatabaseOutage); the next tick tries again.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database blip must not end the timer; the next tick tries again.
            LogFailed(e, what);
        }
    }

    // While an outage is open, each tick asks whether the database answers again, so the outage ends (and /health
    // says so) even when nobody is typing. A tick's own work may not touch the database at all, so it cannot tell.
    private async Task ProbeAsync(CancellationToken stoppingToken)
    {
        var begun = outage.Begin();
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<NewsroomDbContext>>()
            .CreateDbContextAsync(stoppingToken);
        if (await db.Database.CanConnectAsync(stoppingToken))
        {
            outage.Reachable(begun);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Finished {What}: {Count} done")]
    private partial void LogDone(string what, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Finished {What}: {Count} done")]
    private partial void LogDoneRoutinely(string what, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed {What}; retrying on the next tick")]
    private partial void LogFailed(Exception exception, string what);
}
