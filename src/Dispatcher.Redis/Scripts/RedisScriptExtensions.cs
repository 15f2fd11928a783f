using StackExchange.Redis;

namespace Dispatcher.Redis.Scripts;

internal static class RedisScriptExtensions
{
    /// <summary>
    /// EVALSHA by the precomputed SHA; on NOSCRIPT (the store restarted, failed over or flushed its
    /// script cache) the script is sent whole once, which also loads it again.
    /// </summary>
    public static async Task<RedisResult> ScriptEvaluateAsync(this IDatabaseAsync db, RedisScript script, RedisKey[]? keys = null, RedisValue[]? values = null)
    {
        try
        {
            return await db.ScriptEvaluateAsync(script.Sha, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(script.Text, keys, values).ConfigureAwait(false);
        }
    }
}
