using System.Text.Json;
using StackExchange.Redis;

namespace Newsroom.Web.Realtime;

/// <summary>
/// Presence in Redis, one hash per story (field and connection → person, caret and expiry), so every instance reads
/// the same people. Redis 7.0 expires whole keys, not hash fields, so each entry carries its own expiry and readers
/// skip (and remove) the ones past it; the key itself expires when nobody renews anything in it.
/// </summary>
internal sealed class RedisPresenceStore(IConnectionMultiplexer redis) : IPresenceStore
{
    public async Task PutAsync(Guid storyId, IReadOnlyList<PresenceEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var db = redis.GetDatabase();
        var key = Key(storyId);
        var fields = entries.Select(e => new HashEntry(Name(e.Field, e.ConnectionId), JsonSerializer.Serialize(e))).ToArray();
        var put = db.HashSetAsync(key, fields);
        var expire = db.KeyExpireAsync(key, entries.Max(e => e.ExpiresAt) - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));
        await Task.WhenAll(put, expire);
    }

    public Task RemoveAsync(Guid storyId, string field, string connectionId) =>
        redis.GetDatabase().HashDeleteAsync(Key(storyId), Name(field, connectionId));

    public async Task<IReadOnlyList<PresenceEntry>> ReadAsync(Guid storyId, DateTimeOffset now)
    {
        var db = redis.GetDatabase();
        var all = await db.HashGetAllAsync(Key(storyId));
        var entries = all.Select(e => JsonSerializer.Deserialize<PresenceEntry>(e.Value.ToString())!).ToList();
        var expired = entries.Where(e => e.ExpiresAt <= now).Select(e => (RedisValue)Name(e.Field, e.ConnectionId)).ToArray();
        if (expired.Length > 0)
        {
            // Their instance stopped renewing them: it is gone. Whoever notices first tidies up.
            _ = db.HashDeleteAsync(Key(storyId), expired, CommandFlags.FireAndForget);
        }

        return entries.Where(e => e.ExpiresAt > now).ToList();
    }

    public async Task<IReadOnlyList<Guid>> StoriesAsync()
    {
        var stories = new List<Guid>();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            // SCAN, not KEYS: a few keys at a time, never blocking Redis.
            await foreach (var key in server.KeysAsync(pattern: Prefix + "*"))
            {
                if (Guid.TryParseExact(key.ToString()[Prefix.Length..], "N", out var storyId))
                {
                    stories.Add(storyId);
                }
            }
        }

        return stories;
    }

    private const string Prefix = "newsroom:presence:";

    private static RedisKey Key(Guid storyId) => $"{Prefix}{storyId:N}";

    private static string Name(string field, string connectionId) => $"{field}/{connectionId}";
}
