using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Listen;

/// <summary>
/// Which instance holds each <c>dispatcher listen</c> session's stream, so the instance delivering
/// the session's partition can relay attempts there. An entry expires unless refreshed, so a killed
/// instance's sessions are forgotten without a goodbye.
/// </summary>
public sealed class ListenRegistry(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>Records <paramref name="instanceId"/> as the session's holder: the newest stream wins.</summary>
    public Task ClaimAsync(string webhookId, string instanceId, TimeSpan ttl) => RunAsync("claim", webhookId, instanceId, ttl);

    /// <summary>Extends the entry while it names <paramref name="instanceId"/>; false when a newer stream holds the session.</summary>
    public Task<bool> RefreshAsync(string webhookId, string instanceId, TimeSpan ttl) => RunAsync("refresh", webhookId, instanceId, ttl);

    /// <summary>Deletes the entry if it still names <paramref name="instanceId"/> (not a newer stream's elsewhere).</summary>
    public Task ReleaseAsync(string webhookId, string instanceId) => RunAsync("release", webhookId, instanceId, TimeSpan.Zero);

    /// <summary>The instance holding the session's stream, or null when no CLI is connected anywhere.</summary>
    public async Task<string?> HolderAsync(string webhookId) =>
        await redis.GetDatabase().StringGetAsync(keys.ListenHolder(webhookId)).ConfigureAwait(false);

    private async Task<bool> RunAsync(string action, string webhookId, string instanceId, TimeSpan ttl) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.Listen, [keys.ListenHolder(webhookId)],
            [action, instanceId, (long)ttl.TotalMilliseconds]).ConfigureAwait(false) == 1;
}
