using System.Collections.Concurrent;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.StoryStore;
using Newsroom.Testing;

namespace Newsroom.Application.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<ApplicationFixture>
{
    public const string Name = "database";
}

/// <summary>
/// The application as a host would run it (MediatR, its behaviors, Identity stores) against a real PostgreSQL.
/// Each request is sent in a fresh DI scope, as an HTTP request or hub call would be.
/// </summary>
public sealed class ApplicationFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = default!;

    public ServiceProvider Services { get; private set; } = default!;

    public RecordingLoggerProvider Logs { get; } = new();

    public ConcurrentQueue<INotification> Published { get; } = new();

    /// <summary>For each StoryChanged, the story's latest audit row when it was announced.</summary>
    public ConcurrentQueue<(Guid StoryId, string? LastAudited)> AuditAtAnnouncement { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.StartAsync("application");
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddNewsroomApplication(Database.ConnectionString);
        services.AddSingleton(Published);
        services.AddSingleton(this);
        services.AddTransient<INotificationHandler<StoryChanged>, RecordNotifications>();
        services.AddTransient<INotificationHandler<NotificationsCreated>, RecordNotifications>();
        services.AddTransient<INotificationHandler<WallChanged>, RecordNotifications>();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Empty tables, then the roles every environment has.</summary>
    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        await DatabaseInitializer.SeedAsync(Services, seedDemoData: false);
        Logs.Clear();
        Published.Clear();
        AuditAtAnnouncement.Clear();
    }

    public async Task<TestUser> CreateUserAsync(string role, string displayName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsroomUser>>();
        var email = $"{displayName.Replace(' ', '.').ToLowerInvariant()}@newsroom.test";
        var user = new NewsroomUser { UserName = email, Email = email, DisplayName = displayName };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return new TestUser(user.Id, displayName, email, role, await users.GetSecurityStampAsync(user));
    }

    public async Task<TResponse> SendAsync<TResponse>(TestUser? user, IRequest<TResponse> request)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = user?.Principal ?? new ClaimsPrincipal(new ClaimsIdentity());
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Records what was announced, and whether the change was already visible to another connection then.</summary>
    private sealed class RecordNotifications(ApplicationFixture app)
        : INotificationHandler<StoryChanged>, INotificationHandler<NotificationsCreated>, INotificationHandler<WallChanged>
    {
        public Task Handle(WallChanged notification, CancellationToken cancellationToken)
        {
            app.Published.Enqueue(notification);
            return Task.CompletedTask;
        }

        public Task Handle(NotificationsCreated notification, CancellationToken cancellationToken)
        {
            app.Published.Enqueue(notification);
            return Task.CompletedTask;
        }

        public async Task Handle(StoryChanged notification, CancellationToken cancellationToken)
        {
            await using var db = app.Database.CreateContext();
            var committed = await db.Stories.AnyAsync(
                s => s.Id == notification.StoryId && s.State == notification.State, cancellationToken);
            app.Published.Enqueue(committed ? notification : new UncommittedAnnouncement(notification));
            app.AuditAtAnnouncement.Enqueue((notification.StoryId, await db.AuditLog
                .Where(a => a.StoryId == notification.StoryId).OrderByDescending(a => a.Id).Select(a => a.Command)
                .FirstOrDefaultAsync(cancellationToken)));
        }
    }

    public sealed record UncommittedAnnouncement(INotification Notification) : INotification;
}

/// <summary>An account as a signed-in principal, with its security stamp as a real sign-in carries it.</summary>
public sealed record TestUser(Guid Id, string DisplayName, string Email, string Role, string SecurityStamp)
{
    public ClaimsPrincipal Principal => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Id.ToString()),
            new Claim(ClaimTypes.Name, Email),
            new Claim(CurrentUser.DisplayNameClaim, DisplayName),
            new Claim(ClaimTypes.Role, Role),
            new Claim("AspNet.Identity.SecurityStamp", SecurityStamp),
        ],
        authenticationType: "test"));
}

/// <summary>Every test in the collection starts from empty tables.</summary>
[Collection(DatabaseCollection.Name)]
public abstract class DatabaseTest(ApplicationFixture app) : IAsyncLifetime
{
    protected ApplicationFixture App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
