using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Holds;
using Dispatcher.Engine.Notifications;
using Dispatcher.Redis.Schedule;
using Dispatcher.Redis.Webhooks;

namespace Dispatcher.Engine.Lifecycle;

/// <summary>
/// The one owner of a webhook's status changes (disable, enable, delete, a delivery's outcome), used
/// by the engine and the API alike, so every change is made in the same order: this instance's
/// in-memory hold, the status with its sequence (workspace slot), the schedule's hold carrying that
/// sequence (partition slot; the truth for every instance, since the API may not run on the
/// partition's holder), the other instances' in-memory holds, then the notification if the status changed.
/// </summary>
public sealed class WebhookLifecycle(
    WebhookStore webhooks,
    ScheduleStore schedule,
    PartitionMap partitions,
    EndpointHolds holds,
    HoldRelay relay,
    WebhookStatusNotifier notifier)
{
    /// <summary>
    /// Disables or enables <paramref name="before"/> (as read before the change). False when the
    /// webhook no longer exists.
    /// </summary>
    public async Task<bool> SetStatusAsync(Webhook before, WebhookStatus status, string reason)
    {
        if (status == WebhookStatus.Disabled)
        {
            // First, before any write: deliveries already in this instance's channel stop at once.
            holds.Disable(before.Id);
        }
        var write = await webhooks.WriteStatusAsync(before.WorkspaceId, before.Id, status, status == WebhookStatus.Enabled ? "" : reason, reason);
        if (write.StatusSequence == 0)
        {
            return false;
        }
        await ApplyAsync(before, status, reason, write.StatusSequence, write.NoteSequence);
        return true;
    }

    /// <summary>A delivery succeeded: a failing webhook is enabled again (only a write when there was a failure to forget).</summary>
    public async Task RecordSuccessAsync(Webhook webhook)
    {
        if ((webhook.ConsecutiveFailures > 0 || webhook.Status == WebhookStatus.Failing)
            && await webhooks.RecordSuccessAsync(webhook.WorkspaceId, webhook.Id) is { NoteSequence: > 0 } change)
        {
            await notifier.NotifyAsync(webhook, change.After, "a delivery succeeded", change.NoteSequence);
        }
    }

    /// <summary>
    /// A delivery failed its whole retry schedule: counted toward the status, and at the threshold the
    /// webhook is disabled through the same steps as any disable. Returns the change, if any.
    /// </summary>
    public async Task<StatusChange?> RecordFailureAsync(Webhook webhook, int disableAfter)
    {
        var failure = await webhooks.RecordFailureAsync(webhook.WorkspaceId, webhook.Id, disableAfter);
        if (failure is { Changed: true, After: WebhookStatus.Disabled })
        {
            holds.Disable(webhook.Id);
            await ApplyAsync(webhook, WebhookStatus.Disabled, DisabledByFailures(failure.ConsecutiveFailures), failure.StatusSequence, failure.NoteSequence);
        }
        else if (failure is { NoteSequence: > 0 })
        {
            await notifier.NotifyAsync(webhook, failure.After, "the last delivery failed its whole retry schedule", failure.NoteSequence);
        }
        return failure;
    }

    /// <summary>Why a webhook was disabled after <paramref name="consecutive"/> failed deliveries (the notification's and the log's reason).</summary>
    public static string DisabledByFailures(int consecutive) => $"{consecutive} consecutive deliveries failed their whole retry schedule";

    /// <summary>Deletes the webhook, its queue and hold, and its delivery log. False when there was none.</summary>
    public async Task<bool> DeleteAsync(string workspaceId, string webhookId)
    {
        if (!await webhooks.DeleteAsync(workspaceId, webhookId))
        {
            return false;
        }
        // The queue, hold and delivery log share the partition's slot: one script drops them all.
        await schedule.DropAsync(partitions.PartitionOf(webhookId), webhookId);
        return true;
    }

    /// <summary>What follows a status write: the hold carrying its sequence, the holds in memory, the notification.</summary>
    private async Task ApplyAsync(Webhook before, WebhookStatus status, string reason, long sequence, long noteSequence)
    {
        int partition = partitions.PartitionOf(before.Id);
        if (status == WebhookStatus.Disabled)
        {
            await schedule.DisableAsync(partition, before.Id, sequence);
        }
        else
        {
            await schedule.EnableAsync(partition, before.Id, sequence);
            // After the hold is lifted in Redis: what this instance still has queued is sent, not handed back.
            holds.Enable(before.Id);
        }
        relay.Announce(before.Id, status == WebhookStatus.Disabled);
        // The script, not the caller's possibly stale view, says whether the status changed (it appended an entry).
        if (noteSequence > 0)
        {
            await notifier.NotifyAsync(before, status, reason, noteSequence);
        }
    }
}
