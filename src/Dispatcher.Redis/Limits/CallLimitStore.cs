using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Limits;

/// <summary>
/// Per-caller call counters in Redis, so a limit holds across every instance rather than per
/// process. A fixed window that starts at the caller's first call and ends on Redis's clock.
/// </summary>
public sealed class CallLimitStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>
    /// Counts one call of <paramref name="callerId"/> (an identity, never a secret) towards
    /// <paramref name="limit"/> per <paramref name="window"/>. Null when counted; else how long
    /// until the window ends (nothing was counted).
    /// </summary>
    public async Task<TimeSpan?> TryCountAsync(string kind, string callerId, int limit, TimeSpan window)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.CallLimit,
            [keys.CallLimit(kind, callerId)], [limit, (long)window.TotalMilliseconds]).ConfigureAwait(false))!;
        if ((int)result[0] == 1)
        {
            return null;
        }
        long remaining = (long)result[1];
        // PTTL answers -1/-2 only for a counter without expiry or already gone: treat as the whole window.
        return remaining > 0 ? TimeSpan.FromMilliseconds(remaining) : window;
    }
}
