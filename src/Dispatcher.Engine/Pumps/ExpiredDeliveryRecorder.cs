using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Redis;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Schedule;
using Dispatcher.Redis.Webhooks;
using StackExchange.Redis;

namespace Dispatcher.Engine.Pumps;

/// <summary>
/// Puts on record the deliveries a claim dropped because their event outlived its retention (most
/// often the queue of a webhook disabled for longer than that): an <c>expired</c> entry in the
/// webhook's delivery log, a warning, and the <c>dispatcher.delivery.expired</c> counter. Without
/// it, the log's last word on such a delivery would stay "retrying".
/// </summary>
public sealed partial class ExpiredDeliveryRecorder(
    DeliveryLogStore log, WebhookStore webhooks, RedisKeys keys, DispatcherMetrics metrics, TimeProvider time, ILogger<ExpiredDeliveryRecorder> logger)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <param name="workspaceId">The webhook's workspace when the caller knows it; else read from the event keys.</param>
    public async Task RecordAsync(int partition, string webhookId, IReadOnlyList<ExpiredDelivery> expired, string? workspaceId)
    {
        metrics.Expired(expired.Count);
        string marker = $"{keys.Prefix}:{{p:{partition}}}:ev:";
        foreach (var delivery in expired)
        {
            string rest = delivery.EventKey.StartsWith(marker, StringComparison.Ordinal) ? delivery.EventKey[marker.Length..] : "";
            // The event key reads "workspace:event" with the workspace escaped (KeyPart), so the first ':' ends it.
            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            string eventId = colon > 0 ? rest[(colon + 1)..] : "";
            workspaceId ??= colon > 0 ? await WorkspaceIfWebhookExistsAsync(KeyPart.Decode(rest[..colon]), webhookId) : null;
            LogExpired(logger, delivery.DeliveryId, webhookId, eventId, Math.Max(delivery.AttemptsMade, 0));
            if (workspaceId is null)
            {
                // The webhook is gone (or the record was): there is no log left to write to.
                continue;
            }
            var entry = new DeliveryLogEntry(
                At: time.GetUtcNow(), DeliveryId: delivery.DeliveryId, EventId: eventId, EventType: "",
                Attempt: Math.Max(delivery.AttemptsMade, 0), Outcome: DeliveryOutcome.Expired, StatusCode: null,
                Error: "the event outlived its retention (Dispatcher:Ingest:DedupeWindow) before it was delivered; it was dropped",
                LatencyMs: 0, RequestHeaders: NoHeaders, RequestBody: "", RequestBodyTruncated: false, ResponseBody: null);
            try
            {
                await log.AppendAsync(new WebhookId(webhookId), entry);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogRecordFailed(logger, delivery.DeliveryId, ex);
            }
        }
    }

    /// <summary>The workspace when this webhook still exists in it; null when it (or its record) is gone.</summary>
    private async Task<string?> WorkspaceIfWebhookExistsAsync(string workspaceId, string webhookId) =>
        await webhooks.GetAsync(workspaceId, webhookId) is not null ? workspaceId : null;
}
