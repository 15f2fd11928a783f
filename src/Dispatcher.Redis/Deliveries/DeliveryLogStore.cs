using System.Text.Json;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Scripts;
using Dispatcher.Redis.Stats;
using StackExchange.Redis;

namespace Dispatcher.Redis.Deliveries;

/// <summary>
/// Each webhook's last <see cref="DeliveryLogLimits.Deliveries"/> deliveries, each with all its
/// attempts, kept with the webhook's partition (see log_attempts in common.lua): a settle writes its
/// attempt's entry in the same script (ScheduleStore.SettleBatchAsync). Callers check that the
/// webhook is the workspace's before reading: webhook ids are unique across workspaces.
/// </summary>
public sealed class DeliveryLogStore(IConnectionMultiplexer redis, RedisKeys keys, PartitionMap partitions, DeliveryLogLimits limits)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// Adds an entry outside a settle (an expired delivery), counted in the webhook's delivery counters;
    /// nothing is written when the webhook was deleted.
    /// </summary>
    public Task AppendAsync(WebhookId webhookId, DeliveryLogEntry entry)
    {
        int partition = partitions.PartitionOf(webhookId.Value);
        var logged = LoggedAttempt.Of(entry);
        return Db.ScriptEvaluateAsync(LuaScripts.LogAppend,
            [.. keys.DeliveryLogKeys(partition, webhookId.Value), keys.Hold(partition, webhookId.Value),
                keys.DeliveryStats(partition, webhookId.Value, StatsHours.Of(logged.AtMs))],
            [logged.DeliveryId, logged.AtMs, logged.Summary, logged.Entry, limits.Deliveries, (long)limits.Retention.TotalMilliseconds]);
    }

    /// <summary>
    /// Every kept delivery with its summary, newest first: by first logged attempt, then by delivery id
    /// (the sorted set's own order), so a position in it stays put while new deliveries arrive.
    /// </summary>
    public async Task<IReadOnlyList<LoggedDelivery>> IndexAsync(WebhookId webhookId)
    {
        int partition = partitions.PartitionOf(webhookId.Value);
        // Both at once: one round trip. A delivery the index holds but the summaries do not (never
        // written apart: log_attempts writes both) is left out.
        var index = Db.SortedSetRangeByRankWithScoresAsync(keys.DeliveryLog(partition, webhookId.Value), 0, -1, Order.Descending);
        var summaries = Db.HashGetAllAsync(keys.DeliveryLogSummaries(partition, webhookId.Value));
        var lines = (await summaries.ConfigureAwait(false)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);
        var result = new List<LoggedDelivery>();
        foreach (var entry in await index.ConfigureAwait(false))
        {
            string id = entry.Element!;
            if (lines.TryGetValue(id, out string? line) && DeliverySummary.Parse(id, line) is { } summary)
            {
                result.Add(new LoggedDelivery((long)entry.Score, summary));
            }
        }
        return result;
    }

    /// <summary>
    /// The webhook's deliveries that failed for good between <paramref name="since"/> and <paramref name="until"/>
    /// (inclusive), oldest failure first, from its failed index: also those the log no longer keeps.
    /// </summary>
    public async Task<IReadOnlyList<FailedDelivery>> FailedAsync(WebhookId webhookId, DateTimeOffset since, DateTimeOffset? until)
    {
        int partition = partitions.PartitionOf(webhookId.Value);
        var entries = await Db.SortedSetRangeByScoreWithScoresAsync(keys.FailedDeliveries(partition, webhookId.Value),
            since.ToUnixTimeMilliseconds(), until?.ToUnixTimeMilliseconds() ?? double.PositiveInfinity).ConfigureAwait(false);
        var failed = new List<FailedDelivery>(entries.Length);
        foreach (var entry in entries)
        {
            // "<delivery> <event id>": neither holds a space (event ids are printable ASCII without spaces).
            string member = entry.Element!;
            int space = member.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                failed.Add(new FailedDelivery(member[..space], member[(space + 1)..], DateTimeOffset.FromUnixTimeMilliseconds((long)entry.Score)));
            }
        }
        return failed;
    }

    /// <summary>
    /// What each of <paramref name="deliveries"/> (webhook, delivery) holds: one pipelined round trip of
    /// three field reads per webhook, however many webhooks (an event's deliveries, see <see cref="EventDelivery"/>).
    /// </summary>
    public async Task<IReadOnlyList<EventDelivery>> DeliveriesAsync(IReadOnlyList<(WebhookId Webhook, DeliveryId Delivery)> deliveries)
    {
        var batch = Db.CreateBatch();
        var reads = deliveries.Select(d =>
        {
            int partition = partitions.PartitionOf(d.Webhook.Value);
            string id = d.Delivery.Value;
            return (
                Summary: batch.HashGetAsync(keys.DeliveryLogSummaries(partition, d.Webhook.Value), id),
                Record: batch.HashGetAsync(keys.DeliveryLogRecords(partition, d.Webhook.Value), id),
                Queued: batch.HashExistsAsync(keys.QueueRecords(partition, d.Webhook.Value), id));
        }).ToList();
        batch.Execute();
        var result = new List<EventDelivery>(deliveries.Count);
        for (int i = 0; i < deliveries.Count; i++)
        {
            var (webhook, delivery) = deliveries[i];
            var summary = await reads[i].Summary.ConfigureAwait(false);
            var record = await reads[i].Record.ConfigureAwait(false);
            result.Add(new EventDelivery(webhook.Value, delivery.Value,
                summary.IsNull ? null : DeliverySummary.Parse(delivery.Value, summary!),
                record.IsNull ? [] : Parse((byte[])record!),
                await reads[i].Queued.ConfigureAwait(false)));
        }
        return result;
    }

    /// <summary>The attempts of <paramref name="deliveryIds"/>, each delivery's oldest first; deliveries no longer kept are left out.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DeliveryLogEntry>>> AttemptsAsync(WebhookId webhookId, IReadOnlyList<string> deliveryIds)
    {
        var result = new Dictionary<string, IReadOnlyList<DeliveryLogEntry>>(StringComparer.Ordinal);
        if (deliveryIds.Count == 0)
        {
            return result;
        }
        int partition = partitions.PartitionOf(webhookId.Value);
        var records = await Db.HashGetAsync(keys.DeliveryLogRecords(partition, webhookId.Value),
            deliveryIds.Select(id => (RedisValue)id).ToArray()).ConfigureAwait(false);
        for (int i = 0; i < deliveryIds.Count; i++)
        {
            if (!records[i].IsNull)
            {
                result[deliveryIds[i]] = Parse((byte[])records[i]!);
            }
        }
        return result;
    }

    /// <summary>One delivery's attempts, oldest first; empty when the log does not keep it.</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> FindAsync(WebhookId webhookId, string deliveryId) =>
        (await AttemptsAsync(webhookId, [deliveryId]).ConfigureAwait(false)).GetValueOrDefault(deliveryId) ?? [];

    /// <summary>One entry per line, as log_attempts appends them.</summary>
    private static List<DeliveryLogEntry> Parse(byte[] record)
    {
        var entries = new List<DeliveryLogEntry>(1);
        var rest = record.AsSpan();
        while (rest.Length > 0)
        {
            int end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if (line.Length > 0 && JsonSerializer.Deserialize(line, DeliveryLogJson.Default.DeliveryLogEntry) is { } entry)
            {
                entries.Add(entry);
            }
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return entries;
    }
}
