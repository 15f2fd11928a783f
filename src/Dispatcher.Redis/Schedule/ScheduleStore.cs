using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Events;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Schedule;

/// <summary>
/// The retry schedule: one sorted set per webhook (score = due time, ms) plus a per-partition
/// index of the webhooks with work. A burst is many members due now; a retry is a re-score.
/// </summary>
public sealed class ScheduleStore(IConnectionMultiplexer redis, RedisKeys keys)
{
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
    /// Claims up to <paramref name="max"/> due deliveries until <paramref name="deadline"/>. With an
    /// <paramref name="epoch"/> the claim is fenced: nothing is claimed once the partition's lease
    /// epoch has moved on, and the claims carry it so their settlements are fenced too.
    /// </summary>
    /// <param name="expired">
    /// Filled with the due deliveries dropped instead, their event past its retention, so the caller
    /// can put them on record.
    /// </param>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(
        int partition, string webhookId, DateTimeOffset now, DateTimeOffset deadline, int max, long? epoch = null,
        List<ExpiredDelivery>? expired = null)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(
            LuaScripts.Claim,
            FencedKeys(partition, webhookId, epoch),
            [now.ToUnixTimeMilliseconds(), deadline.ToUnixTimeMilliseconds(), max, webhookId, EpochArg(epoch)]).ConfigureAwait(false))!;
        if ((long)result[0] < 0)
        {
            return [];
        }
        foreach (var dropped in (RedisResult[])result[1]!)
        {
            var f = (RedisResult[])dropped!;
            expired?.Add(new ExpiredDelivery((string)f[0]!, webhookId, (int)f[1], (string)f[2]!));
        }
        var claimed = new List<ClaimedDelivery>(result.Length - 2);
        string token = deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 2; i < result.Length; i++)
        {
            var f = (RedisResult[])result[i]!;
            var evt = new StoredEvent(
                Id: (string)f[2]!,
                WorkspaceId: (string)f[3]!,
                Type: (string)f[4]!,
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds((long)f[5]),
                Data: (byte[])f[6]!);
            claimed.Add(new ClaimedDelivery((string)f[0]!, webhookId, (int)f[1], token, evt)
            {
                DueAt = f.Length > 7 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(double)f[7]) : null,
                TraceParent = f.Length > 8 ? (string?)f[8] : null,
                Epoch = epoch,
            });
        }
        return claimed;
    }

    /// <summary>
    /// Settles a claim; false when the claim had gone stale and nothing was changed.
    /// <paramref name="at"/> is when the delivery is due again (retry, pause, release, disable).
    /// </summary>
    public async Task<bool> SettleAsync(int partition, ClaimedDelivery delivery, Settlement settlement, DateTimeOffset at = default)
    {
        string outcome = settlement switch
        {
            Settlement.Done => "done",
            Settlement.Retry => "retry",
            Settlement.Failed => "failed",
            Settlement.Pause => "pause",
            Settlement.Release => "release",
            _ => throw new ArgumentOutOfRangeException(nameof(settlement), settlement, null),
        };
        var result = await Db.ScriptEvaluateAsync(
            LuaScripts.Settle,
            FencedKeys(partition, delivery.WebhookId, delivery.Epoch),
            [delivery.DeliveryId, delivery.ClaimToken, delivery.WebhookId, outcome, at.ToUnixTimeMilliseconds(), EpochArg(delivery.Epoch)]).ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <summary>
    /// Queues a delivery again now (replacing a pending retry of it); false when its event has
    /// expired and there is nothing left to send.
    /// </summary>
    public async Task<bool> ReplayAsync(
        int partition, WebhookId webhookId, DeliveryId deliveryId, WorkspaceId workspaceId, EventId eventId, DateTimeOffset now)
    {
        RedisKey[] scriptKeys = [.. WebhookKeys(partition, webhookId.Value), keys.EventBody(partition, workspaceId.Value, eventId.Value)];
        var result = await Db.ScriptEvaluateAsync(
            LuaScripts.Replay, scriptKeys, [deliveryId.Value, webhookId.Value, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        return (int)result == 1;
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

    private RedisKey[] FencedKeys(int partition, string webhookId, long? epoch) =>
        epoch is null ? WebhookKeys(partition, webhookId) : [.. WebhookKeys(partition, webhookId), keys.LeaseEpoch(partition)];

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

    /// <summary>Drops all of a webhook's pending work (the webhook was deleted).</summary>
    public Task DropAsync(int partition, string webhookId) =>
        Db.ScriptEvaluateAsync(LuaScripts.Drop, [.. WebhookKeys(partition, webhookId), keys.HoldSequence(partition, webhookId)], [webhookId]);
}
