using System.Diagnostics;
using System.Net;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Events;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Ingest;

/// <summary>
/// Makes a batch of events durable: each event's body and deliveries in every partition its
/// webhooks hash to, and its body in its home partition even when no webhook lives there (that body
/// is the dedupe marker). One script call per partition carries all of the batch's events for it;
/// each is idempotent. Only when this returns may the producer be acknowledged.
/// </summary>
public sealed class IngestStore(IConnectionMultiplexer redis, RedisKeys keys, PartitionMap partitions)
{
    /// <summary>
    /// An event is <see cref="IngestOutcome.Accepted"/> when this call wrote it in any partition, and a
    /// <see cref="IngestOutcome.Duplicate"/> when every partition already had it. So after a failover that
    /// lost one slot's writes (and kept the others), the producer's retry rewrites what was lost and is
    /// answered Accepted, never Duplicate. Two concurrent publishes of one id whose webhooks span several
    /// partitions may both be Accepted; each partition's writes happen once, so no delivery is doubled.
    /// </summary>
    /// <param name="now">Due time of the new deliveries.</param>
    /// <param name="dedupeWindow">How long the event bodies live, and so how long (workspace, id) is remembered.</param>
    /// <param name="touchedPartitions">Receives the partitions that got new work, so their pumps can be woken.</param>
    public async Task<IngestOutcome[]> WriteAsync(
        IReadOnlyList<IngestItem> items, DateTimeOffset now, TimeSpan dedupeWindow, ISet<int> touchedPartitions)
    {
        var outcomes = new IngestOutcome[items.Count];
        var seenInBatch = new HashSet<(string, string)>();
        var byPartition = new Dictionary<int, List<(int Item, List<Webhook> Targets)>>();
        for (int i = 0; i < items.Count; i++)
        {
            var evt = items[i].Event;
            outcomes[i] = IngestOutcome.Duplicate;
            if (!seenInBatch.Add((evt.WorkspaceId, evt.Id)))
            {
                continue;
            }
            var targets = items[i].Targets.GroupBy(w => partitions.PartitionOf(w.Id)).ToDictionary(g => g.Key, g => g.ToList());
            targets.TryAdd(EventHome.Of(partitions, evt.WorkspaceId, evt.Id), []);
            foreach (var (partition, webhooks) in targets)
            {
                if (!byPartition.TryGetValue(partition, out var writes))
                {
                    byPartition[partition] = writes = [];
                }
                writes.Add((i, webhooks));
            }
        }

        // The ingest span is ambient here; kept with the events so each delivery attempt joins its trace.
        string traceparent = Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : "";
        var db = redis.GetDatabase();
        var calls = byPartition.Select(p => (p.Key, p.Value, Written: EnqueueAsync(db, items, p.Key, p.Value, now, dedupeWindow, traceparent))).ToList();
        await Task.WhenAll(calls.Select(c => c.Written)).ConfigureAwait(false);
        foreach (var (partition, writes, written) in calls)
        {
            var flags = (long[])(await written.ConfigureAwait(false))!;
            for (int w = 0; w < writes.Count; w++)
            {
                if (flags[w] == 1)
                {
                    outcomes[writes[w].Item] = IngestOutcome.Accepted;
                    if (writes[w].Targets.Count > 0)
                    {
                        touchedPartitions.Add(partition);
                    }
                }
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Redis <c>WAIT</c> on each node the writes of <paramref name="items"/> went to (the one primary,
    /// or on Cluster the primaries of the slots written: each event's home partition and its webhooks'
    /// partitions), through the same connection the writes took: WAIT only counts replicas that have
    /// everything this connection wrote so far.
    /// </summary>
    /// <returns>The fewest replicas that confirmed on any of those nodes.</returns>
    public async Task<long> WaitForReplicasAsync(IReadOnlyList<IngestItem> items, int replicas, TimeSpan timeout)
    {
        var nodes = new Dictionary<EndPoint, IServer>();
        foreach (var item in items)
        {
            var evt = item.Event;
            var written = item.Targets.Select(w => partitions.PartitionOf(w.Id)).Append(EventHome.Of(partitions, evt.WorkspaceId, evt.Id));
            foreach (int partition in written.Distinct())
            {
                var server = redis.GetServer(keys.EventBody(partition, evt.WorkspaceId, evt.Id));
                nodes.TryAdd(server.EndPoint, server);
            }
        }
        long timeoutMs = (long)Math.Ceiling(timeout.TotalMilliseconds);
        var waits = nodes.Values.Select(server => server.ExecuteAsync("WAIT", replicas, timeoutMs)).ToList();
        var confirmed = await Task.WhenAll(waits).ConfigureAwait(false);
        return confirmed.Min(r => (long)r);
    }

    private Task<RedisResult> EnqueueAsync(
        IDatabase db, IReadOnlyList<IngestItem> items, int partition, List<(int Item, List<Webhook> Targets)> writes,
        DateTimeOffset due, TimeSpan ttl, string traceparent)
    {
        int webhooks = writes.Sum(w => w.Targets.Count);
        var scriptKeys = new RedisKey[1 + writes.Count + 3 * webhooks];
        var args = new RedisValue[3 + 6 * writes.Count + 2 * webhooks];
        scriptKeys[0] = keys.Ready(partition);
        args[0] = (long)ttl.TotalSeconds;
        args[1] = due.ToUnixTimeMilliseconds();
        args[2] = traceparent;
        int k = 1, a = 3;
        foreach (var (item, targets) in writes)
        {
            var evt = items[item].Event;
            scriptKeys[k++] = keys.EventBody(partition, evt.WorkspaceId, evt.Id);
            // A home partition with none of the event's webhooks keeps only id and workspace (enqueue.lua).
            bool full = targets.Count > 0;
            args[a++] = evt.Id;
            args[a++] = evt.WorkspaceId;
            args[a++] = full ? evt.Type : RedisValue.EmptyString;
            args[a++] = full ? evt.CreatedAt.ToUnixTimeMilliseconds() : RedisValue.EmptyString;
            args[a++] = full ? evt.Data : RedisValue.EmptyString;
            args[a++] = targets.Count;
            foreach (var webhook in targets)
            {
                scriptKeys[k++] = keys.Queue(partition, webhook.Id);
                scriptKeys[k++] = keys.QueueRecords(partition, webhook.Id);
                scriptKeys[k++] = keys.Hold(partition, webhook.Id);
                args[a++] = webhook.Id;
                args[a++] = WebhookIds.DeliveryId(evt.WorkspaceId, evt.Id, webhook.Id);
            }
        }
        return db.ScriptEvaluateAsync(LuaScripts.Enqueue, scriptKeys, args);
    }
}
