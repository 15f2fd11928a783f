using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Membership;

/// <summary>
/// Which instances are alive: each records a heartbeat in one sorted set, and every heartbeat
/// also drops the members silent for longer than the TTL, so a killed instance needs no goodbye.
/// </summary>
public sealed class MembershipStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>
    /// Records this instance as alive now by Redis's clock (not this machine's) and returns the live
    /// members (heard from within <paramref name="ttl"/> by that clock), sorted.
    /// </summary>
    public async Task<string[]> HeartbeatAsync(string instanceId, TimeSpan ttl)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.Members, [keys.Members],
            ["beat", instanceId, 0, (long)ttl.TotalMilliseconds]).ConfigureAwait(false))!;
        return result.Select(r => (string)r!).ToArray();
    }

    /// <summary>Leaves at once (graceful stop), so the others take this instance's share without waiting for the TTL.</summary>
    public Task LeaveAsync(string instanceId) =>
        redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.Members, [keys.Members], ["leave", instanceId, 0, 0]);
}
