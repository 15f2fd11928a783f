using System.Text;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Claims;
using Dispatcher.Engine.Sending;
using Dispatcher.Redis.Deliveries;
using StackExchange.Redis;

namespace Dispatcher.Engine.Processing;

/// <summary>
/// Writes each attempt to its webhook's delivery log. Best effort: a log that cannot be written
/// is reported, but never holds up or changes a delivery.
/// </summary>
public sealed partial class DeliveryLogWriter(DeliveryLogStore log, TimeProvider time, ILogger<DeliveryLogWriter> logger)
{
    /// <summary>Request bodies are kept up to this size; the event itself can be fetched whole.</summary>
    private const int MaxBodyChars = 16 * 1024;

    public async Task WriteAsync(QueuedDelivery queued, WebhookRequest request, DeliveryResult result, DeliveryOutcome outcome)
    {
        string body = Encoding.UTF8.GetString(request.Body.Span);
        bool truncated = body.Length > MaxBodyChars;
        // Exactly the headers sent (WireHeaders), User-Agent and traceparent included.
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Headers)
        {
            headers[name] = value;
        }
        var entry = new DeliveryLogEntry(
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
        try
        {
            await log.AppendAsync(new WorkspaceId(queued.Webhook.WorkspaceId), new WebhookId(queued.Webhook.Id), entry);
            LogWritten(logger, queued.Claim.DeliveryId, entry.Attempt, outcome.ToWireName());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogWriteFailed(logger, queued.Claim.DeliveryId, ex);
        }
    }
}
