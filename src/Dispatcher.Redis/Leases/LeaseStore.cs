using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Leases;

/// <summary>Partition leases: Redis keys with an expiry, held by one instance and renewed while it lives.</summary>
public sealed class LeaseStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>Takes the lease if free, renews it if ours; false when another instance holds it.</summary>
    public async Task<bool> AcquireAsync(int partition, string instanceId, TimeSpan ttl)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.Lease, [keys.Lease(partition)],
            ["acquire", instanceId, (long)ttl.TotalMilliseconds]).ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <summary>Gives the lease up (if ours), so another instance can take the partition at once.</summary>
    public Task ReleaseAsync(int partition, string instanceId) =>
        redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.Lease, [keys.Lease(partition)], ["release", instanceId, 0]);

    /// <summary>The instance holding the partition, or null.</summary>
    public async Task<string?> HolderAsync(int partition) => await redis.GetDatabase().StringGetAsync(keys.Lease(partition)).ConfigureAwait(false);
}
