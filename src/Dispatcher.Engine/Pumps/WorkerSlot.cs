using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Claims;
using Dispatcher.Engine.Workers;
using Dispatcher.Redis.Ingest;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.Engine.Pumps;

/// <summary>A slot taken in an endpoint worker's channel for a delivery ingest is writing claimed.</summary>
internal sealed class WorkerSlot(PartitionPump pump, Webhook webhook, EndpointWorker worker, long epoch, DateTimeOffset now, DateTimeOffset deadline)
    : DirectClaim(epoch, deadline)
{
    public override void Hand(ClaimedDelivery delivery) => pump.Hand(worker, new QueuedDelivery(pump.Partition, webhook, delivery, now));

    public override void Release() => worker.ReleaseReserved();
}
