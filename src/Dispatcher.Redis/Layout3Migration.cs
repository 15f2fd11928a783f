using System.Text.Json;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Events;
using StackExchange.Redis;

namespace Dispatcher.Redis;

/// <summary>
/// Layout 2 → 3: each webhook's delivery log moves from its workspace's slot (a list of attempts,
/// newest first) to its partition's (deliveries with their attempts, see log_attempts); and each old
/// producer-facing dedupe marker (<c>dedupe:W:EVT</c>, which layout 3 no longer reads) becomes what
/// layout 3 reads instead: a body with the event's id and workspace in its home partition, for the
/// marker's remaining lifetime, so a retry of an event accepted before the upgrade is still answered
/// DUPLICATE. Each old key is deleted once copied, so an interrupted migration goes on where it
/// stopped; only the log it was moving may then show some attempts twice.
/// </summary>
internal sealed class Layout3Migration(IConnectionMultiplexer redis, RedisKeys keys)
{
    private const int PageSize = 1000;

    /// <returns>How many logs were moved.</returns>
    public async Task<long> RunAsync(int partitionCount, DeliveryLogLimits limits)
    {
        var partitions = new PartitionMap(partitionCount);
        var log = new DeliveryLogStore(redis, keys, partitions, limits);
        var db = redis.GetDatabase();
        long moved = 0;
        string logTag = keys.Prefix + ":{ws:";
        string dedupe = keys.Prefix + ":dedupe:";
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: RedisLayout.GlobEscape(keys.Prefix) + ":*", pageSize: PageSize).ConfigureAwait(false))
            {
                string name = key.ToString();
                if (name.StartsWith(dedupe, StringComparison.Ordinal))
                {
                    await MoveMarkerAsync(db, key, name[dedupe.Length..], partitions).ConfigureAwait(false);
                }
                else if (name.StartsWith(logTag, StringComparison.Ordinal) && WebhookOfOldLog(name) is { } webhookId)
                {
                    await MoveLogAsync(db, key, webhookId, log).ConfigureAwait(false);
                    moved++;
                }
            }
        }
        return moved;
    }

    /// <param name="rest">The marker's name after <c>dedupe:</c>: the escaped workspace, ':', the event id.</param>
    private async Task MoveMarkerAsync(IDatabase db, RedisKey marker, string rest, PartitionMap partitions)
    {
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        var ttl = await db.KeyTimeToLiveAsync(marker).ConfigureAwait(false);
        if (colon > 0)
        {
            string workspaceId = KeyPart.Decode(rest[..colon]), eventId = rest[(colon + 1)..];
            var body = keys.EventBody(EventHome.Of(partitions, workspaceId, eventId), workspaceId, eventId);
            // A body already there (the event had a webhook in its home partition) is the marker already.
            if (await db.HashSetAsync(body, "id", eventId, When.NotExists).ConfigureAwait(false))
            {
                await db.HashSetAsync(body, "ws", workspaceId).ConfigureAwait(false);
                // The marker's remaining lifetime (markers are written with one; kept as found otherwise).
                await db.KeyExpireAsync(body, ttl).ConfigureAwait(false);
            }
        }
        await db.KeyDeleteAsync(marker).ConfigureAwait(false);
    }

    /// <summary>The webhook id of a layout-2 log key (<c>{ws:W}:log:ID</c>), or null for any other key of the workspace.</summary>
    private static string? WebhookOfOldLog(string name)
    {
        int close = name.IndexOf("}:log:", StringComparison.Ordinal);
        return close < 0 ? null : name[(close + "}:log:".Length)..];
    }

    private static async Task MoveLogAsync(IDatabase db, RedisKey oldKey, string webhookId, DeliveryLogStore log)
    {
        var values = await db.ListRangeAsync(oldKey).ConfigureAwait(false);
        // Oldest first, so each delivery's attempts are appended in the order they happened.
        for (int i = values.Length - 1; i >= 0; i--)
        {
            if (JsonSerializer.Deserialize((byte[])values[i]!, DeliveryLogJson.Default.DeliveryLogEntry) is { } entry)
            {
                await log.AppendAsync(new WebhookId(webhookId), entry).ConfigureAwait(false);
            }
        }
        await db.KeyDeleteAsync(oldKey).ConfigureAwait(false);
    }
}
