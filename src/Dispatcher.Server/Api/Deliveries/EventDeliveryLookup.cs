using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Events;
using Dispatcher.Redis.Webhooks;
// Not Microsoft.Extensions.Logging.EventId, which the server imports everywhere.
using EventId = Dispatcher.Core.Events.EventId;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>
/// Which of a workspace's webhooks an event went to, and each attempt. Nothing is written for it at
/// ingest: a delivery's id follows from (workspace, event, webhook), so the lookup lists the workspace's
/// webhooks (a registry read the API does anyway) and reads, in one pipelined round trip, each one's
/// summary, attempts and queue record of that delivery.
/// </summary>
public sealed class EventDeliveryLookup(WebhookStore webhooks, DeliveryLogStore log, EventStore events, PartitionMap partitions)
{
    /// <summary>Null when the workspace knows nothing of the event: no webhook holds a delivery of it and no body is kept.</summary>
    public async Task<EventDeliveriesResponse?> FindAsync(string workspace, string eventId)
    {
        var hooks = await webhooks.ListAsync(workspace);
        var found = (await log.DeliveriesAsync(hooks
                .Select(w => (new WebhookId(w.Id), new DeliveryId(WebhookIds.DeliveryId(workspace, eventId, w.Id))))
                .ToList()))
            .Where(d => d.Found)
            .ToList();
        // Another workspace's event derives other delivery ids, and its body is stored as that workspace's.
        if (found.Count == 0 && await events.FindAsync(new WorkspaceId(workspace), new EventId(eventId),
                () => Task.FromResult(hooks.Select(w => partitions.PartitionOf(w.Id)))) is null)
        {
            return null;
        }
        var endpoints = hooks.ToDictionary(w => w.Id, w => w.Endpoint.ToString(), StringComparer.Ordinal);
        return new EventDeliveriesResponse(eventId, found
            .OrderBy(d => d.WebhookId, StringComparer.Ordinal)
            .Select(d => new EventDeliveryResponse(
                d.WebhookId,
                endpoints[d.WebhookId],
                d.DeliveryId,
                d.Summary?.Outcome,
                d.Summary?.StatusCode,
                d.Queued,
                d.Attempts.Reverse().ToList()))
            .ToList());
    }
}
