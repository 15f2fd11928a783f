using System.Diagnostics;
using System.Net;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Ingest;

/// <summary>
/// Makes a batch of events durable: event body and deliveries per partition (one script each,
/// idempotent), then the producer-facing dedupe marker. Only when this returns may the producer
/// be acknowledged.
/// </summary>
public sealed class IngestStore(IConnectionMultiplexer redis, RedisKeys keys, PartitionMap partitions)
{
    /// <param name="now">Due time of the new deliveries.</param>
    /// <param name="dedupeWindow">How long (workspace, id) is remembered; also the event bodies' lifetime.</param>
    /// <param name="touchedPartitions">Receives the partitions that got new work, so their pumps can be woken.</param>
    public async Task<IngestOutcome[]> WriteAsync(
        IReadOnlyList<IngestItem> items, DateTimeOffset now, TimeSpan dedupeWindow, ISet<int> touchedPartitions)
    {
        var db = redis.GetDatabase();
        var outcomes = new IngestOutcome[items.Count];
        var seenInBatch = new HashSet<(string, string)>();
        var existing = new Task<bool>?[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var evt = items[i].Event;
            if (!seenInBatch.Add((evt.WorkspaceId, evt.Id)))
            {
                outcomes[i] = IngestOutcome.Duplicate;
                continue;
            }
            existing[i] = db.KeyExistsAsync(keys.Dedupe(evt.WorkspaceId, evt.Id));
        }

        var fresh = new bool[items.Count];
        var writes = new List<Task>();
        for (int i = 0; i < items.Count; i++)
        {
            if (existing[i] is not { } exists)
            {
                continue;
            }
            fresh[i] = !await exists.ConfigureAwait(false);
            if (!fresh[i])
            {
                outcomes[i] = IngestOutcome.Duplicate;
                continue;
            }
            foreach (var group in items[i].Targets.GroupBy(w => partitions.PartitionOf(w.Id)))
            {
                writes.Add(EnqueueAsync(db, items[i], group.Key, group.ToList(), now, dedupeWindow));
                touchedPartitions.Add(group.Key);
            }
        }
        await Task.WhenAll(writes).ConfigureAwait(false);

        // The marker goes last: if we crash before it, the producer's retry redoes the (idempotent) writes.
        var markers = new Task<bool>?[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (fresh[i])
            {
                var evt = items[i].Event;
                markers[i] = db.StringSetAsync(keys.Dedupe(evt.WorkspaceId, evt.Id), 1, dedupeWindow, When.NotExists);
            }
        }
        for (int i = 0; i < items.Count; i++)
        {
            if (markers[i] is { } marker)
            {
                // Losing the race to set the marker means a concurrent publish of the same id won.
                outcomes[i] = await marker.ConfigureAwait(false) ? IngestOutcome.Accepted : IngestOutcome.Duplicate;
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Redis <c>WAIT</c> on each node the writes of <paramref name="items"/> went to (the one primary,
    /// or on Cluster the primaries of the slots written), through the same connection the writes took:
    /// WAIT only counts replicas that have everything this connection wrote so far.
    /// </summary>
    /// <returns>The fewest replicas that confirmed on any of those nodes.</returns>
    public async Task<long> WaitForReplicasAsync(IReadOnlyList<IngestItem> items, int replicas, TimeSpan timeout)
    {
        var nodes = new Dictionary<EndPoint, IServer>();
        void Add(RedisKey key)
        {
            var server = redis.GetServer(key);
            nodes.TryAdd(server.EndPoint, server);
        }
        foreach (var item in items)
        {
            var evt = item.Event;
            Add(keys.Dedupe(evt.WorkspaceId, evt.Id));
            foreach (int partition in item.Targets.Select(w => partitions.PartitionOf(w.Id)).Distinct())
            {
                Add(keys.EventBody(partition, evt.WorkspaceId, evt.Id));
            }
        }
        long timeoutMs = (long)Math.Ceiling(timeout.TotalMilliseconds);
        var waits = nodes.Values.Select(server => server.ExecuteAsync("WAIT", replicas, timeoutMs)).ToList();
        var confirmed = await Task.WhenAll(waits).ConfigureAwait(false);
        return confirmed.Min(r => (long)r);
    }

    private Task EnqueueAsync(IDatabase db, IngestItem item, int partition, List<Webhook> targets, DateTimeOffset due, TimeSpan ttl)
    {
        var evt = item.Event;
        var scriptKeys = new RedisKey[2 + 3 * targets.Count];
        // The ingest span is ambient here; kept with the event so each delivery attempt joins its trace.
        string? traceparent = Activity.Current?.Id is { } id && Activity.Current.IdFormat == ActivityIdFormat.W3C ? id : null;
        var args = new RedisValue[7 + 2 * targets.Count + (traceparent is null ? 0 : 1)];
        scriptKeys[0] = keys.EventBody(partition, evt.WorkspaceId, evt.Id);
        scriptKeys[1] = keys.Ready(partition);
        args[0] = (long)ttl.TotalSeconds;
        args[1] = due.ToUnixTimeMilliseconds();
        args[2] = evt.Id;
        args[3] = evt.WorkspaceId;
        args[4] = evt.Type;
        args[5] = evt.CreatedAt.ToUnixTimeMilliseconds();
        args[6] = evt.Data;
        for (int t = 0; t < targets.Count; t++)
        {
            scriptKeys[2 + 3 * t] = keys.Queue(partition, targets[t].Id);
            scriptKeys[3 + 3 * t] = keys.QueueRecords(partition, targets[t].Id);
            scriptKeys[4 + 3 * t] = keys.Hold(partition, targets[t].Id);
            args[7 + 2 * t] = targets[t].Id;
            args[8 + 2 * t] = WebhookIds.DeliveryId(evt.WorkspaceId, evt.Id, targets[t].Id);
        }
        if (traceparent is not null)
        {
            args[^1] = traceparent;
        }
        return db.ScriptEvaluateAsync(LuaScripts.Enqueue, scriptKeys, args);
    }
}
