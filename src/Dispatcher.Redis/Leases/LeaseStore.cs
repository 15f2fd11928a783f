using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Leases;

/// <summary>
/// Partition leases: Redis keys with an expiry, held by one instance and renewed while it lives.
/// Each acquisition increments the partition's epoch, which the holder's claim and settle scripts
/// carry, so a holder that lost its lease can no longer change the partition's work.
/// </summary>
public sealed class LeaseStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>Takes the lease if free, renews it if ours; not held when another instance holds it.</summary>
    public async Task<LeaseGrant> AcquireAsync(int partition, string instanceId, TimeSpan ttl)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.Lease,
            [keys.Lease(partition), keys.LeaseEpoch(partition)],
            ["acquire", instanceId, (long)ttl.TotalMilliseconds]).ConfigureAwait(false))!;
        int kind = (int)result[0];
        return new LeaseGrant(kind > 0, (long)result[1], kind == 1 ? null : (string?)result[2] ?? "", (int)result[3] == 1);
    }

    /// <summary>Gives the lease up (if ours), so another instance can take the partition at once.</summary>
    public Task ReleaseAsync(int partition, string instanceId) =>
        redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.Lease, [keys.Lease(partition), keys.LeaseEpoch(partition)], ["release", instanceId, 0]);

    /// <summary>The instance holding the partition, or null.</summary>
    public async Task<string?> HolderAsync(int partition) => await redis.GetDatabase().StringGetAsync(keys.Lease(partition)).ConfigureAwait(false);

    /// <summary>The partition's current epoch (0 before its first acquisition).</summary>
    public async Task<long> EpochAsync(int partition) =>
        (long?)await redis.GetDatabase().HashGetAsync(keys.LeaseEpoch(partition), "epoch").ConfigureAwait(false) ?? 0;
}
