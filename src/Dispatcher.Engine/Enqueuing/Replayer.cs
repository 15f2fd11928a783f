using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Schedule;
// Not Microsoft.Extensions.Logging.EventId, which the engine imports everywhere.
using EventId = Dispatcher.Core.Events.EventId;

namespace Dispatcher.Engine.Enqueuing;

/// <summary>Puts a delivery back on its webhook's schedule, due now, and wakes the partition.</summary>
public sealed class Replayer(ScheduleStore schedule, PartitionMap partitions, Enqueuer enqueuer, TimeProvider time)
{
    /// <summary>Queued, or why not: the event expired (nothing left to send) or the webhook was deleted.</summary>
    public async Task<ReplayResult> ReplayAsync(WorkspaceId workspaceId, WebhookId webhookId, DeliveryId deliveryId, EventId eventId)
    {
        int partition = partitions.PartitionOf(webhookId.Value);
        return await enqueuer.WriteAsync(partition,
            () => schedule.ReplayAsync(partition, webhookId, deliveryId, workspaceId, eventId, time.GetUtcNow()), result => result == ReplayResult.Queued);
    }
}
