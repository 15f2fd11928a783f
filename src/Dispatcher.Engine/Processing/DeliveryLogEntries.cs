using System.Text;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Claims;
using Dispatcher.Engine.Sending;

namespace Dispatcher.Engine.Processing;

/// <summary>
/// Builds each attempt's delivery-log entry; the settle that follows the attempt writes it in the
/// same script (SettleBatcher), so an attempt is on record exactly when its outcome is.
/// </summary>
public sealed class DeliveryLogEntries(TimeProvider time)
{
    /// <summary>Request bodies are kept up to this size; the event itself can be fetched whole.</summary>
    private const int MaxBodyChars = 16 * 1024;

    public DeliveryLogEntry For(QueuedDelivery queued, WebhookRequest request, DeliveryResult result, DeliveryOutcome outcome)
    {
        string body = Encoding.UTF8.GetString(request.Body.Span);
        bool truncated = body.Length > MaxBodyChars;
        // Exactly the headers sent (WireHeaders), User-Agent and traceparent included; the webhook's
        // custom headers by name only, their values being credentials the log must never hold.
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.Ordinal);
        foreach (var (name, value) in request.Headers)
        {
            headers[name] = request.RedactedHeaders.Contains(name) ? CustomHeaderRedaction.Value : value;
        }
        return new DeliveryLogEntry(
            At: time.GetUtcNow(),
            DeliveryId: queued.Claim.DeliveryId,
            EventId: queued.Claim.Event.Id,
            EventType: queued.Claim.Event.Type,
            Attempt: queued.Claim.AttemptsMade + 1,
            Outcome: outcome,
            StatusCode: result.StatusCode == 0 ? null : result.StatusCode,
            Error: result.Error,
            LatencyMs: Math.Round(result.Latency.TotalMilliseconds, 1),
            RequestHeaders: headers,
            RequestBody: truncated ? body[..MaxBodyChars] : body,
            RequestBodyTruncated: truncated,
            ResponseBody: result.ResponseBody);
    }
}
