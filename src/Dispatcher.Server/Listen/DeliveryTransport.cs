using Dispatcher.Core.Delivery;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.Server.Listen;

/// <summary>
/// Where a rendered, signed attempt goes: over HTTP to the endpoint (<see cref="WebhookSender"/>), or,
/// for a <c>dispatcher listen</c> webhook (<c>cli://</c>), down the CLI's stream.
/// </summary>
public sealed class DeliveryTransport(WebhookSender http, ListenSessions listen)
{
    public Task<DeliveryResult> SendAsync(WebhookRequest request, ClaimedDelivery delivery, CancellationToken cancellationToken) =>
        ListenEndpoint.IsListen(request.Endpoint)
            ? listen.SendAsync(request, delivery, cancellationToken)
            : http.SendAsync(request, cancellationToken);
}
