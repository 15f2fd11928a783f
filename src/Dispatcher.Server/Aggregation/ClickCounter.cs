using Dispatcher.Core.Events;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Aggregation;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Aggregation;

/// <summary>
/// The ingest side of click aggregation: counts a batch's clicks into their workspace's current
/// window before the batch is written and acknowledged, so an ack always implies the click is
/// counted. Only workspaces with a webhook subscribed to the aggregate pay for it.
/// </summary>
public sealed class ClickCounter(AggregationStore store, IOptions<DispatcherOptions> options)
{
    /// <param name="subscriptions">Each workspace's webhooks, as ingest loaded them for the batch.</param>
    /// <param name="now">Ingest time: it picks the window (never the producer's createdAt or Redis's clock).</param>
    public Task CountAsync(IEnumerable<StoredEvent> events, IReadOnlyDictionary<string, IReadOnlyList<Webhook>> subscriptions, DateTimeOffset now)
    {
        var clicks = events
            .Where(e => e.Type == AggregatedEvents.Click
                && subscriptions.TryGetValue(e.WorkspaceId, out var hooks)
                && hooks.Any(w => w.IsSubscribedTo(AggregatedEvents.Aggregated)))
            .Select(e => new ClickToCount(e.WorkspaceId, e.Id, ClickLink.KeyOf(e.Data)))
            .ToList();
        return clicks.Count == 0 ? Task.CompletedTask : store.CountAsync(clicks, now, options.Value.Ingest.DedupeWindow);
    }
}
