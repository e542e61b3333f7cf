using Newsroom.Application.Common.Instances;
using StackExchange.Redis;

namespace Newsroom.Web.Realtime;

public static class InstancesRegistration
{
    /// <summary>Several instances on one Redis: news and presence reach them all (ADR-018, ADR-019).</summary>
    public static IServiceCollection AddRedisInstances(this IServiceCollection services, string configuration)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(configuration);
            // Start without Redis and keep trying, rather than refuse to start: pages catch up once it is there.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<RedisInstanceFeed>();
        services.AddSingleton<IOtherInstances>(provider => provider.GetRequiredService<RedisInstanceFeed>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisInstanceFeed>());
        services.AddSingleton<IPresenceStore, RedisPresenceStore>();
        return services;
    }
}
