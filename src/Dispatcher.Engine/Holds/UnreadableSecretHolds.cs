using System.Collections.Concurrent;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Redis.Schedule;
using Microsoft.Extensions.Options;

namespace Dispatcher.Engine.Holds;

/// <summary>
/// Holds the deliveries of a webhook whose secret cannot be decrypted: they stay in Redis, unsent
/// and not counted as attempts, behind a pause of <c>Dispatcher:Secrets:UnreadableRecheck</c>, so a
/// pump neither spins on them nor blocks the rest of its partition. A rotation lifts the pause.
/// </summary>
public sealed partial class UnreadableSecretHolds(
    ScheduleStore schedule, PartitionMap partitions, Enqueuer enqueuer, IOptions<SecretHoldOptions> options, TimeProvider time,
    ILogger<UnreadableSecretHolds> logger)
{
    // Bounds what a flood of broken records could make this instance remember; forgetting only
    // means one more warning.
    private const int MaxRemembered = 10_000;

    /// <summary>Webhooks already reported as held, so a recheck that still fails logs at Debug only.</summary>
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);

    /// <summary>
    /// When <paramref name="webhook"/>'s secret is unreadable, hands <paramref name="claimed"/> back
    /// paused until the next recheck and returns true: the caller must not send them.
    /// </summary>
    public async Task<bool> HoldIfUnreadableAsync(int partition, Webhook webhook, IReadOnlyList<ClaimedDelivery> claimed, DateTimeOffset now)
    {
        if (!webhook.SecretUnreadable)
        {
            if (!_reported.IsEmpty && _reported.TryRemove(webhook.Id, out _))
            {
                LogReadableAgain(logger, webhook.Id, webhook.WorkspaceId);
            }
            return false;
        }
        var until = now + options.Value.UnreadableRecheck;
        foreach (var delivery in claimed)
        {
            // A pause, not a release: the hold covers the webhook's whole queue, so the rest of its
            // backlog is not claimed and handed back batch after batch.
            await schedule.SettleAsync(partition, delivery, Settlement.Pause, until);
        }
        if (_reported.Count >= MaxRemembered)
        {
            _reported.Clear();
        }
        if (_reported.TryAdd(webhook.Id, 0))
        {
            LogHeld(logger, webhook.Id, webhook.WorkspaceId, until);
        }
        else
        {
            LogStillHeld(logger, webhook.Id, until);
        }
        return true;
    }

    /// <summary>After a rotation repaired an unreadable secret: its held deliveries are due now.</summary>
    public async Task ReleaseAsync(Webhook webhook)
    {
        int partition = partitions.PartitionOf(webhook.Id);
        // Wakes the partition's holder, here or (over the wake-up channel) on another instance.
        int released = await enqueuer.WriteAsync(partition, () => schedule.ResumeAsync(partition, webhook.Id, time.GetUtcNow()), _ => true);
        _reported.TryRemove(webhook.Id, out _);
        LogReleased(logger, webhook.Id, webhook.WorkspaceId, released);
    }
}
