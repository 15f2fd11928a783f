using System.Buffers;
using Dispatcher.Core.Delivery;
using Dispatcher.Core.Formats;
using Dispatcher.Core.Signing;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.Server.Delivery;

/// <summary>Renders, signs and sends one claimed delivery to its webhook.</summary>
public sealed class DeliveryAttempt(WebhookSender sender, TimeProvider time)
{
    public async Task<(WebhookRequest Request, DeliveryResult Result)> SendAsync(Webhook webhook, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(256 + delivery.Event.Data.Length);
        Cd4cdEnvelope.Write(body, delivery.Event);
        // t is the send time of this attempt, so a retry a day later still passes a 5-minute tolerance.
        long t = time.GetUtcNow().ToUnixTimeSeconds();
        byte[] key = System.Text.Encoding.UTF8.GetBytes(webhook.Secret);
        string signature = TimestampedSignature.Create(key, t, body.WrittenSpan);
        var request = new WebhookRequest(webhook.Endpoint, body.WrittenMemory, [new(Cd4cdEnvelope.SignatureHeader, signature)]);
        return (request, await sender.SendAsync(request, cancellationToken).ConfigureAwait(false));
    }
}
