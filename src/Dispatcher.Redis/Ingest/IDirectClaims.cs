using Dispatcher.Core.Webhooks;

namespace Dispatcher.Redis.Ingest;

/// <summary>
/// Lets ingest write a new delivery already claimed by this instance and hand it straight to its
/// sender, when this instance holds the delivery's partition and the webhook's channel has room
/// (enqueue.lua): no pump round, no claim call, no second read of the event for it.
/// </summary>
public interface IDirectClaims
{
    /// <summary>A slot reserved in the webhook's channel on this instance, or null: queue the delivery as usual.</summary>
    DirectClaim? TryReserve(int partition, Webhook webhook, DateTimeOffset now);
}
