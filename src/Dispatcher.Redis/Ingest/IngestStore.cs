using System.Diagnostics;
using System.Net;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Events;
using Dispatcher.Redis.Schedule;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Ingest;

/// <summary>
/// Makes a batch of events durable: each event's body and deliveries in every partition its
/// webhooks hash to, and its body in its home partition even when no webhook lives there (that body
/// is the dedupe marker). One script call per partition carries all of the batch's events for it;
/// each is idempotent. Only when this returns may the producer be acknowledged.
/// </summary>
/// <param name="directClaims">
/// When given, a delivery for a partition this instance holds is written already claimed and handed
/// to its sender (see <see cref="IDirectClaims"/>); without it every delivery is queued for a pump.
/// </param>
public sealed class IngestStore(IConnectionMultiplexer redis, RedisKeys keys, PartitionMap partitions, IDirectClaims? directClaims = null)
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
        var calls = byPartition.Select(p => (p.Key, p.Value, Written: WritePartitionAsync(db, items, p.Key, p.Value, now, dedupeWindow, traceparent))).ToList();
        await Task.WhenAll(calls.Select(c => c.Written)).ConfigureAwait(false);
        foreach (var (partition, writes, written) in calls)
        {
            var (flags, queued) = await written.ConfigureAwait(false);
            for (int w = 0; w < writes.Count; w++)
            {
                if (flags[w] == 1)
                {
                    outcomes[writes[w].Item] = IngestOutcome.Accepted;
                }
            }
            if (queued)
            {
                touchedPartitions.Add(partition);
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

    /// <summary>
    /// One partition's script call. Returns each event's written flag and whether any delivery was
    /// queued for the partition's pump (rather than written claimed and handed to a sender here).
    /// </summary>
    private async Task<(long[] Flags, bool Queued)> WritePartitionAsync(
        IDatabase db, IReadOnlyList<IngestItem> items, int partition, List<(int Item, List<Webhook> Targets)> writes,
        DateTimeOffset now, TimeSpan ttl, string traceparent)
    {
        var slots = ReserveSlots(partition, writes, now, out long? epoch);
        try
        {
            // Each (event, webhook) pair's delivery id, in order: a hash, computed once for the call and its reply.
            var deliveryIds = writes.SelectMany(w => w.Targets.Select(webhook =>
                WebhookIds.DeliveryId(items[w.Item].Event.WorkspaceId, items[w.Item].Event.Id, webhook.Id))).ToArray();
            var reply = (RedisResult[])(await EnqueueAsync(db, items, partition, writes, now, ttl, traceparent, deliveryIds, slots, epoch).ConfigureAwait(false))!;
            var flags = (long[])reply[0]!;
            var claimed = new HashSet<string>((string[])reply[1]!, StringComparer.Ordinal);
            bool queued = false;
            int pair = 0;
            for (int w = 0; w < writes.Count; w++)
            {
                var evt = items[writes[w].Item].Event;
                foreach (var webhook in writes[w].Targets)
                {
                    var slot = slots?[pair];
                    pair++;
                    if (flags[w] != 1)
                    {
                        continue;
                    }
                    string deliveryId = deliveryIds[pair - 1];
                    if (slot is not null && claimed.Contains(deliveryId))
                    {
                        slots![pair - 1] = null;
                        slot.Hand(new ClaimedDelivery(deliveryId, webhook.Id, 0, Token(slot.Deadline), evt)
                        {
                            DueAt = now,
                            TraceParent = traceparent.Length > 0 ? traceparent : null,
                            Epoch = slot.Epoch,
                        });
                    }
                    else
                    {
                        queued = true;
                    }
                }
            }
            return (flags, queued);
        }
        finally
        {
            // Slots not handed a delivery (queued instead, a duplicate, or the call failed) are freed.
            if (slots is not null)
            {
                foreach (var slot in slots)
                {
                    slot?.Release();
                }
            }
        }
    }

    /// <summary>
    /// A slot per (event, webhook) pair of the call, in order, where this instance's pump for the
    /// partition has room; null when it has none. All under one lease epoch (the call carries one).
    /// </summary>
    private DirectClaim?[]? ReserveSlots(int partition, List<(int Item, List<Webhook> Targets)> writes, DateTimeOffset now, out long? epoch)
    {
        epoch = null;
        if (directClaims is null)
        {
            return null;
        }
        DirectClaim?[]? slots = null;
        int pair = 0, pairs = writes.Sum(w => w.Targets.Count);
        foreach (var (_, targets) in writes)
        {
            foreach (var webhook in targets)
            {
                if (directClaims.TryReserve(partition, webhook, now) is { } slot)
                {
                    if (epoch is { } held && held != slot.Epoch)
                    {
                        // The lease moved between two reservations: the later one is not written claimed.
                        slot.Release();
                    }
                    else
                    {
                        epoch = slot.Epoch;
                        (slots ??= new DirectClaim?[pairs])[pair] = slot;
                    }
                }
                pair++;
            }
        }
        return slots;
    }

    private static string Token(DateTimeOffset deadline) =>
        deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<RedisResult> EnqueueAsync(
        IDatabase db, IReadOnlyList<IngestItem> items, int partition, List<(int Item, List<Webhook> Targets)> writes,
        DateTimeOffset due, TimeSpan ttl, string traceparent, string[] deliveryIds, DirectClaim?[]? slots, long? epoch)
    {
        int webhooks = writes.Sum(w => w.Targets.Count);
        var scriptKeys = new RedisKey[2 + writes.Count + 3 * webhooks];
        var args = new RedisValue[4 + 6 * writes.Count + 3 * webhooks];
        scriptKeys[0] = keys.Ready(partition);
        scriptKeys[1] = keys.LeaseEpoch(partition);
        args[0] = (long)ttl.TotalSeconds;
        args[1] = due.ToUnixTimeMilliseconds();
        args[2] = traceparent;
        args[3] = epoch is { } e ? e : RedisValue.EmptyString;
        int k = 2, a = 4, pair = 0;
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
                args[a++] = deliveryIds[pair];
                args[a++] = slots?[pair] is { } slot ? slot.Deadline.ToUnixTimeMilliseconds() : RedisValue.EmptyString;
                pair++;
            }
        }
        return db.ScriptEvaluateAsync(LuaScripts.Enqueue, scriptKeys, args);
    }
}
