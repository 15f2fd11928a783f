using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Events;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Scripts;
using Dispatcher.Redis.Stats;
using StackExchange.Redis;

namespace Dispatcher.Redis.Schedule;

/// <summary>
/// The retry schedule: one sorted set per webhook (score = due time, ms) plus a per-partition
/// index of the webhooks with work. A burst is many members due now; a retry is a re-score.
/// </summary>
/// <param name="time">Tells a drop which hours of delivery counters may still exist; the system clock when null.</param>
public sealed class ScheduleStore(IConnectionMultiplexer redis, RedisKeys keys, DeliveryLogLimits? logLimits = null, TimeProvider? time = null)
{
    private readonly DeliveryLogLimits logLimits = logLimits ?? DeliveryLogLimits.Default;

    private readonly TimeProvider time = time ?? TimeProvider.System;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Webhooks of the partition with a delivery due at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<string[]> DueWebhooksAsync(int partition, DateTimeOffset now, int max)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(
            keys.Ready(partition), double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: max).ConfigureAwait(false);
        return ids.Select(id => id.ToString()).ToArray();
    }

    /// <summary>When the partition's earliest delivery is due, or null when it has none.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(int partition)
    {
        var head = await Db.SortedSetRangeByRankWithScoresAsync(keys.Ready(partition), 0, 0).ConfigureAwait(false);
        return head.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)head[0].Score);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due deliveries of one webhook until <paramref name="deadline"/>
    /// (see <see cref="ClaimBatchAsync"/>); empty when <paramref name="epoch"/> is stale.
    /// </summary>
    /// <param name="expired">
    /// Filled with the due deliveries dropped instead, their event past its retention, so the caller
    /// can put them on record.
    /// </param>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        int partition, string webhookId, DateTimeOffset now, DateTimeOffset deadline, int max, long? epoch = null,
        List<ExpiredDelivery>? expired = null)
    {
        var results = await ClaimBatchAsync(partition, [new ClaimRequest(webhookId, deadline, max)], now, epoch).ConfigureAwait(false);
        if (results is null)
        {
            return [];
        }
        expired?.AddRange(results[0].Expired);
        return results[0].Claimed;
    }

    /// <summary>
    /// Claims due deliveries of several webhooks of one partition in one script call, one result per
    /// request in order. With an <paramref name="epoch"/> the claim is fenced: null, and nothing
    /// claimed, once the partition's lease epoch has moved on; the claims carry it so their
    /// settlements are fenced too.
    /// </summary>
    public async Task<IReadOnlyList<ClaimResult>?> ClaimBatchAsync(int partition, IReadOnlyList<ClaimRequest> requests, DateTimeOffset now, long? epoch)
    {
        if (requests.Count == 0)
        {
            return [];
        }
        var scriptKeys = new RedisKey[2 + 3 * requests.Count];
        var args = new RedisValue[2 + 3 * requests.Count];
        scriptKeys[0] = keys.Ready(partition);
        scriptKeys[1] = keys.LeaseEpoch(partition);
        args[0] = now.ToUnixTimeMilliseconds();
        args[1] = EpochArg(epoch);
        for (int i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            scriptKeys[2 + 3 * i] = keys.Queue(partition, request.WebhookId);
            scriptKeys[3 + 3 * i] = keys.QueueRecords(partition, request.WebhookId);
            scriptKeys[4 + 3 * i] = keys.Hold(partition, request.WebhookId);
            args[2 + 3 * i] = request.WebhookId;
            args[3 + 3 * i] = request.Deadline.ToUnixTimeMilliseconds();
            args[4 + 3 * i] = request.Max;
        }
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(LuaScripts.Claim, scriptKeys, args).ConfigureAwait(false))!;
        if ((long)reply[0] < 0)
        {
            return null;
        }
        var results = new ClaimResult[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            results[i] = ReadClaim(requests[i], (RedisResult[])reply[1 + i]!, epoch);
        }
        return results;
    }

    private static ClaimResult ReadClaim(ClaimRequest request, RedisResult[] reply, long? epoch)
    {
        var dropped = (RedisResult[])reply[0]!;
        if (reply.Length == 1 && dropped.Length == 0)
        {
            return ClaimResult.Empty;
        }
        var expired = new List<ExpiredDelivery>(dropped.Length);
        foreach (var d in dropped)
        {
            var f = (RedisResult[])d!;
            expired.Add(new ExpiredDelivery((string)f[0]!, request.WebhookId, (int)f[1], (string)f[2]!));
        }
        var claimed = new List<ClaimedDelivery>(reply.Length - 1);
        string token = request.Deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 1; i < reply.Length; i++)
        {
            var f = (RedisResult[])reply[i]!;
            var evt = new StoredEvent(
                Id: (string)f[2]!,
                WorkspaceId: (string)f[3]!,
                Type: (string)f[4]!,
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds((long)f[5]),
                Data: (byte[])f[6]!);
            claimed.Add(new ClaimedDelivery((string)f[0]!, request.WebhookId, (int)f[1], token, evt)
            {
                DueAt = f.Length > 7 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(double)f[7]) : null,
                TraceParent = f.Length > 8 ? (string?)f[8] : null,
                Epoch = epoch,
            });
        }
        return new ClaimResult(claimed, expired);
    }

    /// <summary>
    /// Settles a claim; false when the claim had gone stale and nothing was changed.
    /// <paramref name="at"/> is when the delivery is due again (retry, pause, release, disable).
    /// </summary>
    public async Task<bool> SettleAsync(int partition, ClaimedDelivery delivery, Settlement settlement, DateTimeOffset at = default) =>
        (await SettleBatchAsync(partition, [new SettleRequest(delivery, settlement, at)]).ConfigureAwait(false))[0]
            ?? throw new RedisException($"the store could not settle delivery {delivery.DeliveryId} (see its Redis log)");

    /// <summary>
    /// Settles claims of one partition in one script call, each with its log entry if it has one
    /// (written even when its claim has gone stale: the attempt happened). One result per request:
    /// false when that claim had gone stale (or its epoch) and its schedule was left as it was, null
    /// when Redis met an error settling it (a broken record), which leaves the others settled.
    /// </summary>
    public async Task<bool?[]> SettleBatchAsync(int partition, IReadOnlyList<SettleRequest> requests)
    {
        var scriptKeys = new RedisKey[2 + 9 * requests.Count];
        var args = new RedisValue[3 + 10 * requests.Count];
        scriptKeys[0] = keys.Ready(partition);
        scriptKeys[1] = keys.LeaseEpoch(partition);
        args[0] = logLimits.Deliveries;
        args[1] = (long)logLimits.Retention.TotalMilliseconds;
        args[2] = (long)logLimits.FailedRetention.TotalMilliseconds;
        for (int i = 0; i < requests.Count; i++)
        {
            var (delivery, settlement, at, log) = requests[i];
            string webhookId = delivery.WebhookId;
            int k = 2 + 9 * i, a = 3 + 10 * i;
            scriptKeys[k] = keys.Queue(partition, webhookId);
            scriptKeys[k + 1] = keys.QueueRecords(partition, webhookId);
            scriptKeys[k + 2] = keys.Hold(partition, webhookId);
            keys.DeliveryLogKeys(partition, webhookId).CopyTo(scriptKeys, k + 3);
            scriptKeys[k + 6] = keys.FailedDeliveries(partition, webhookId);
            // The hour the entry is counted in (only read when there is an entry).
            scriptKeys[k + 7] = keys.DeliveryStats(partition, webhookId, StatsHours.Of(log?.AtMs ?? 0));
            scriptKeys[k + 8] = keys.LastDelivery(partition, webhookId);
            args[a] = delivery.DeliveryId;
            args[a + 1] = delivery.ClaimToken;
            args[a + 2] = webhookId;
            args[a + 3] = OutcomeArg(settlement);
            args[a + 4] = at.ToUnixTimeMilliseconds();
            args[a + 5] = EpochArg(delivery.Epoch);
            args[a + 6] = log is null ? RedisValue.EmptyString : log.Entry;
            args[a + 7] = log?.AtMs ?? 0;
            args[a + 8] = log?.Summary ?? "";
            args[a + 9] = delivery.Event.Id;
        }
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(LuaScripts.Settle, scriptKeys, args).ConfigureAwait(false))!;
        var settled = new bool?[requests.Count];
        for (int i = 0; i < settled.Length; i++)
        {
            settled[i] = (int)reply[i] switch { 1 => true, 0 => false, _ => null };
        }
        return settled;
    }

    private static string OutcomeArg(Settlement settlement) => settlement switch
    {
        Settlement.Done => "done",
        Settlement.Retry => "retry",
        Settlement.Failed => "failed",
        Settlement.Pause => "pause",
        Settlement.Release => "release",
        _ => throw new ArgumentOutOfRangeException(nameof(settlement), settlement, null),
    };

    /// <summary>
    /// Queues a delivery again now (replacing a pending retry of it); says why not when its event has
    /// expired (nothing left to send) or the webhook was deleted.
    /// </summary>
    public async Task<ReplayResult> ReplayAsync(
        int partition, WebhookId webhookId, DeliveryId deliveryId, WorkspaceId workspaceId, EventId eventId, DateTimeOffset now)
    {
        RedisKey[] scriptKeys = [.. WebhookKeys(partition, webhookId.Value), keys.EventBody(partition, workspaceId.Value, eventId.Value)];
        var result = await Db.ScriptEvaluateAsync(
            LuaScripts.Replay, scriptKeys, [deliveryId.Value, webhookId.Value, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        return (int)result switch
        {
            1 => ReplayResult.Queued,
            0 => ReplayResult.Expired,
            _ => ReplayResult.WebhookDeleted,
        };
    }

    /// <summary>
    /// Stops all deliveries to the webhook until <see cref="EnableAsync"/>; new work keeps queuing.
    /// <paramref name="statusSequence"/> is that of the status change it follows: false, and nothing
    /// changed, when a later change has been applied already.
    /// </summary>
    public Task<bool> DisableAsync(int partition, string webhookId, long statusSequence) =>
        HoldAsync(partition, webhookId, "disabled", statusSequence);

    /// <summary>Lifts a disable or a pause: the webhook's queued work is due again (see <see cref="DisableAsync"/>).</summary>
    public Task<bool> EnableAsync(int partition, string webhookId, long statusSequence) =>
        HoldAsync(partition, webhookId, "", statusSequence);

    /// <summary>
    /// Lifts a pause (not a disable) before its end: the deliveries parked until then are due now.
    /// Returns how many were.
    /// </summary>
    public async Task<int> ResumeAsync(int partition, string webhookId, DateTimeOffset now) =>
        (int)await Db.ScriptEvaluateAsync(
            LuaScripts.Resume,
            [keys.Queue(partition, webhookId), keys.Ready(partition), keys.Hold(partition, webhookId)],
            [webhookId, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);

    private async Task<bool> HoldAsync(int partition, string webhookId, string hold, long statusSequence)
    {
        var result = await Db.ScriptEvaluateAsync(
            LuaScripts.Hold,
            [keys.Queue(partition, webhookId), keys.Ready(partition), keys.Hold(partition, webhookId), keys.HoldSequence(partition, webhookId)],
            [webhookId, hold, statusSequence]).ConfigureAwait(false);
        return (int)result == 1;
    }

    private RedisKey[] WebhookKeys(int partition, string webhookId) =>
        [keys.Queue(partition, webhookId), keys.QueueRecords(partition, webhookId), keys.Ready(partition), keys.Hold(partition, webhookId)];

    private static RedisValue EpochArg(long? epoch) => epoch is { } e ? e : RedisValue.EmptyString;

    /// <summary>
    /// Takes a webhook whose channel is full out of the ready index until <see cref="UnparkAsync"/>;
    /// false when <paramref name="epoch"/> is stale and nothing changed.
    /// </summary>
    public async Task<bool> ParkAsync(int partition, string webhookId, long epoch)
    {
        var result = await Db.ScriptEvaluateAsync(LuaScripts.Park,
            [keys.Ready(partition), keys.Parked(partition), keys.LeaseEpoch(partition)], [webhookId, epoch]).ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <summary>Puts a parked webhook back into the ready index (its channel has room again).</summary>
    public Task UnparkAsync(int partition, string webhookId) =>
        Db.ScriptEvaluateAsync(LuaScripts.Unpark,
            [keys.Queue(partition, webhookId), keys.Ready(partition), keys.Hold(partition, webhookId), keys.Parked(partition)], [webhookId]);

    /// <summary>The partition's parked webhooks: a pump starting on it puts them all back.</summary>
    public async Task<string[]> ParkedAsync(int partition) =>
        (await Db.SetMembersAsync(keys.Parked(partition)).ConfigureAwait(false)).Select(id => id.ToString()).ToArray();

    /// <summary>
    /// When the first of the webhook's queued events expires, sampled over its earliest-due
    /// deliveries; null when nothing queued expires.
    /// </summary>
    public async Task<DateTimeOffset?> QueueExpiresAtAsync(int partition, string webhookId, DateTimeOffset now)
    {
        const int Sample = 100;
        long ttl = (long)await Db.ScriptEvaluateAsync(LuaScripts.QueueExpiry,
            [keys.Queue(partition, webhookId), keys.QueueRecords(partition, webhookId)], [Sample]).ConfigureAwait(false);
        return ttl < 0 ? null : now + TimeSpan.FromMilliseconds(ttl);
    }

    /// <summary>
    /// Drops all of a webhook's pending work, its delivery log, failed index and delivery counters (the webhook
    /// was deleted), leaving a tombstone for as long as the log would have lived, so no attempt in flight logs
    /// (or counts) again.
    /// </summary>
    public Task DropAsync(int partition, string webhookId)
    {
        // Every hour whose counters may still live (see StatsHours): named here, as scripts never build key names.
        long now = StatsHours.Of(time.GetUtcNow());
        var counters = new RedisKey[StatsHours.KeptBehind + 1 + StatsHours.KeptAhead];
        for (int i = 0; i < counters.Length; i++)
        {
            counters[i] = keys.DeliveryStats(partition, webhookId, now - StatsHours.KeptBehind + i);
        }
        return Db.ScriptEvaluateAsync(LuaScripts.Drop,
            [.. WebhookKeys(partition, webhookId), keys.HoldSequence(partition, webhookId), .. keys.DeliveryLogKeys(partition, webhookId),
                keys.FailedDeliveries(partition, webhookId), keys.LastDelivery(partition, webhookId), .. counters],
            [webhookId, (long)logLimits.Retention.TotalMilliseconds]);
    }
}
