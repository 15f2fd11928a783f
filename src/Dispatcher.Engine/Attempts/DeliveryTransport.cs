using Dispatcher.Engine.Sending;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.Engine.Attempts;

/// <summary>
/// Where a rendered, signed attempt goes: to the first registered <see cref="IDeliveryTransport"/>
/// that carries its endpoint, else over HTTP (<see cref="WebhookSender"/>).
/// </summary>
public sealed class DeliveryTransport(WebhookSender http, IEnumerable<IDeliveryTransport> transports)
{
    private readonly IDeliveryTransport[] _transports = [.. transports];

    public Task<DeliveryResult> SendAsync(WebhookRequest request, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        foreach (var transport in _transports)
        {
            if (transport.Carries(request.Endpoint))
            {
                return transport.SendAsync(request, delivery, cancellationToken);
            }
        }
        return http.SendAsync(request, cancellationToken);
    }
}
