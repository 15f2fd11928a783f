using System.Buffers;
using Dispatcher.Core.Events;
using Dispatcher.Core.Json;
using Dispatcher.Core.Profiles;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Configuration;
using Dispatcher.Engine.Rules;
using Dispatcher.Engine.Sending;
using Dispatcher.Redis.Schedule;
using Microsoft.Extensions.Options;

namespace Dispatcher.Engine.Attempts;

/// <summary>Renders one claimed delivery in its webhook's format, signs it and sends it.</summary>
public sealed class DeliveryAttempt(
    DeliveryTransport sender, WebhookRules rules, IEventUrls eventUrls, OutboundHttpOptions http, IOptions<DeliveryOptions> options, TimeProvider time)
{
    private static readonly HashSet<string> EmptyNames = [];

    private readonly int _maxSignedBody = options.Value.MaxSignedBodyBytes;

    public async Task<(WebhookRequest Request, DeliveryResult Result)> SendAsync(Webhook webhook, ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var profile = WebhookRules.ProfileOf(webhook);
        var evt = delivery.Event;
        var body = new ArrayBufferWriter<byte>(256 + evt.Data.Length);
        EnvelopeWriter.Write(body, profile, evt, evt.Data.Span);
        if (body.WrittenCount > _maxSignedBody)
        {
            body = new ArrayBufferWriter<byte>(512);
            EnvelopeWriter.Write(body, profile, evt, TruncatedData(evt));
        }
        // t is the send time of this attempt, so a retry a day later still passes a 5-minute tolerance.
        var now = time.GetUtcNow();
        var signed = RequestSigner.Sign(profile, webhook.LiveSecrets(now), evt.Id, now.ToUnixTimeSeconds(), body.WrittenSpan);
        // Built here, inside the attempt's span (its traceparent), once: what is sent is what is logged.
        var headers = WireHeaders.Of(signed, webhook.Headers, http.UserAgent);
        var request = new WebhookRequest(webhook.Endpoint, body.WrittenMemory, headers)
        {
            Timeout = rules.RequestTimeoutOf(webhook),
            RedactedHeaders = webhook.Headers.Count == 0 ? EmptyNames : webhook.Headers.Select(h => h.Key).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        return (request, await sender.SendAsync(request, delivery, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// What stands in for <c>data</c> when the signed body would be too large: a flag and the URL
    /// of <c>GET /v1/events/{id}</c>, where the receiver fetches the whole event with its API key.
    /// </summary>
    private byte[] TruncatedData(StoredEvent evt)
    {
        string url = eventUrls.EventUrl(evt.Id);
        var data = new ArrayBufferWriter<byte>(64 + url.Length);
        data.Write("{\"truncated\":true,\"url\":"u8);
        JsString.Write(data, url);
        data.Write("}"u8);
        return data.WrittenSpan.ToArray();
    }
}
