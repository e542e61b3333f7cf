using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Auditing;
using Newsroom.Application.Common.Instances;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Resilience;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.Features.Publishing;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Application.StoryStore;

namespace Newsroom.Application;

public static class ApplicationRegistration
{
    /// <summary>
    /// Everything a host needs to send Newsroom's requests: the database, MediatR with its behaviors, the current
    /// user, and the Identity stores. The web host adds sign-in on top; the tests use exactly this.
    /// </summary>
    public static IdentityBuilder AddNewsroomApplication(
        this IServiceCollection services, string connectionString, params Assembly[] moreHandlerAssemblies)
    {
        services.AddNewsroomData(connectionString);
        services.AddNewsroomMediator([typeof(ApplicationRegistration).Assembly, .. moreHandlerAssemblies]);
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(provider => provider.GetRequiredService<CurrentUser>());
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<StoryTransaction>();
        services.AddSingleton<AccountAccess>();
        services.AddSingleton<DatabaseOutage>();
        services.AddSingleton<AuditChain>();
        services.AddSingleton<UpdateLog>();
        services.AddSingleton<TextSessions>();
        services.AddSingleton<LiveTextBroadcast>();
        services.AddSingleton<GroupCommit>();
        services.AddSingleton<LogCompaction>();
        services.AddSingleton<LiveTexts>();
        services.AddSingleton<ILiveTexts>(provider => provider.GetRequiredService<LiveTexts>());
        services.AddSingleton<EditPermissions>();
        services.AddSingleton<ILiveTracking, LiveTracking>();
        services.AddSingleton<BoardReader>();
        services.AddSingleton<WordCounts>();
        services.AddSingleton<BoardReadModel>();
        services.AddMemoryCache();
        services.AddSingleton<ArticleCache>();
        // A host with other instances replaces this (the web host's Redis feed, ADR-018).
        services.AddSingleton<IOtherInstances, NoOtherInstances>();
        services.AddTransient(typeof(MediatR.INotificationHandler<>), typeof(ShareWithEveryInstance<>));
        return services.AddIdentityCore<NewsroomUser>(IdentityPolicy.Configure)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<NewsroomDbContext>()
            .AddClaimsPrincipalFactory<NewsroomClaimsPrincipalFactory>();
    }
}
