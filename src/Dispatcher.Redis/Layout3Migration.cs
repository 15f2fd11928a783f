using System.Text.Json;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Partitioning;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis;

/// <summary>
/// Layout 2 → 3: each webhook's delivery log moves from its workspace's slot (a list of attempts,
/// newest first) to its partition's (deliveries with their attempts, see log_attempt); and the old
/// producer-facing dedupe markers, which layout 3 no longer writes, are remembered as still present
/// (<see cref="RedisKeys.LegacyDedupe"/>) until the last of them expires, so ingest keeps answering
/// a retry of an event accepted before the upgrade DUPLICATE. Idempotent per key: each old log is
/// deleted once copied, so an interrupted migration picks up where it stopped.
/// </summary>
internal sealed class Layout3Migration(IConnectionMultiplexer redis, RedisKeys keys)
{
    private const int PageSize = 1000;

    /// <returns>How many logs were moved.</returns>
    public async Task<long> RunAsync(int partitionCount, DeliveryLogLimits limits)
    {
        var partitions = new PartitionMap(partitionCount);
        var db = redis.GetDatabase();
        long moved = 0;
        TimeSpan longestMarker = TimeSpan.Zero;
        string logTag = keys.Prefix + ":{ws:";
        string dedupe = keys.Prefix + ":dedupe:";
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: RedisLayout.GlobEscape(keys.Prefix) + ":*", pageSize: PageSize).ConfigureAwait(false))
            {
                string name = key.ToString();
                if (name.StartsWith(dedupe, StringComparison.Ordinal))
                {
                    if (await db.KeyTimeToLiveAsync(key).ConfigureAwait(false) is { } ttl && ttl > longestMarker)
                    {
                        longestMarker = ttl;
                    }
                }
                else if (name.StartsWith(logTag, StringComparison.Ordinal) && WebhookOfOldLog(name) is { } webhookId)
                {
                    await MoveLogAsync(db, key, webhookId, partitions.PartitionOf(webhookId), limits).ConfigureAwait(false);
                    moved++;
                }
            }
        }
        if (longestMarker > TimeSpan.Zero)
        {
            await db.StringSetAsync(keys.LegacyDedupe, 1, longestMarker).ConfigureAwait(false);
        }
        return moved;
    }

    /// <summary>The webhook id of a layout-2 log key (<c>{ws:W}:log:ID</c>), or null for any other key of the workspace.</summary>
    private static string? WebhookOfOldLog(string name)
    {
        int close = name.IndexOf("}:log:", StringComparison.Ordinal);
        return close < 0 ? null : name[(close + "}:log:".Length)..];
    }

    private async Task MoveLogAsync(IDatabase db, RedisKey oldKey, string webhookId, int partition, DeliveryLogLimits limits)
    {
        var values = await db.ListRangeAsync(oldKey).ConfigureAwait(false);
        var script = LuaScripts.LogAppend;
        // Oldest first, so each delivery's attempts are appended in the order they happened.
        for (int i = values.Length - 1; i >= 0; i--)
        {
            if (JsonSerializer.Deserialize((byte[])values[i]!, DeliveryLogJson.Default.DeliveryLogEntry) is not { } entry)
            {
                continue;
            }
            var logged = LoggedAttempt.Of(entry);
            await db.ScriptEvaluateAsync(script,
                [keys.DeliveryLog(partition, webhookId), keys.DeliveryLogSummaries(partition, webhookId),
                    keys.DeliveryLogRecords(partition, webhookId), keys.Hold(partition, webhookId)],
                [logged.DeliveryId, logged.AtMs, logged.Summary, logged.Entry, limits.Deliveries, (long)limits.Retention.TotalMilliseconds]).ConfigureAwait(false);
        }
        await db.KeyDeleteAsync(oldKey).ConfigureAwait(false);
    }
}
