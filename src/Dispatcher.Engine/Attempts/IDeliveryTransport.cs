using Dispatcher.Engine.Sending;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.Engine.Attempts;

/// <summary>
/// A way to carry a rendered, signed attempt other than HTTP to the endpoint: the host plugs in its
/// own (<c>dispatcher listen</c> streams to a CLI for <c>cli://</c> endpoints).
/// </summary>
public interface IDeliveryTransport
{
    /// <summary>True when this transport carries the attempts of <paramref name="endpoint"/>.</summary>
    bool Carries(Uri endpoint);

    Task<DeliveryResult> SendAsync(WebhookRequest request, ClaimedDelivery delivery, CancellationToken cancellationToken);
}
