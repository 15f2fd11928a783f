using Dispatcher.Core.Deliveries;

namespace Dispatcher.Redis.Deliveries;

/// <summary>
/// What one webhook has of one event: its delivery, the log's summary and attempts (oldest first) while
/// the log keeps them, and whether it is still queued (not attempted yet, or a retry is due).
/// </summary>
public sealed record EventDelivery(string WebhookId, string DeliveryId, DeliverySummary? Summary, IReadOnlyList<DeliveryLogEntry> Attempts, bool Queued)
{
    /// <summary>False when the webhook holds nothing of the event (it was not subscribed, or the log let it go).</summary>
    public bool Found => Queued || Summary is not null || Attempts.Count > 0;
}
