using Dispatcher.Core.Partitioning;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.Engine.Enqueuing;

/// <summary>Puts a delivery back on its webhook's schedule, due now, and wakes the partition.</summary>
public sealed class Replayer(ScheduleStore schedule, PartitionMap partitions, Enqueuer enqueuer, TimeProvider time)
{
    /// <summary>False when the event has expired and there is nothing left to send.</summary>
    public async Task<bool> ReplayAsync(string workspaceId, string webhookId, string deliveryId, string eventId)
    {
        int partition = partitions.PartitionOf(webhookId);
        return await enqueuer.WriteAsync(partition,
            () => schedule.ReplayAsync(partition, webhookId, deliveryId, workspaceId, eventId, time.GetUtcNow()), queued => queued);
    }
}
