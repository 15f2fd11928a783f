using System.Text.Json;
using Dispatcher.Core.Events;
using Dispatcher.Core.Json;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Redis.Ingest;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// Queues a <c>webhook.test</c> event for one webhook through the normal durable path (the same
/// ingest script, schedule and pump as a producer's event), so it is rate-limited, signed and
/// logged like any delivery.
/// </summary>
public sealed class WebhookTestEventSender(
    IngestStore store, Enqueuer enqueuer, IOptions<DispatcherOptions> options, TimeProvider time)
{
    /// <returns>The new event's id.</returns>
    public async Task<string> SendAsync(Webhook webhook)
    {
        var now = time.GetUtcNow();
        string eventId = WebhookTestEvent.NewEventId();
        // Canonical like producer data, so receivers that re-serialise the body verify test events too.
        byte[] data = JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(new TestEventData(
            "This is a test event from Dispatcher: your endpoint is reachable.", webhook.Id)));
        var evt = new StoredEvent(eventId, webhook.WorkspaceId, WebhookTestEvent.Type, now, data);
        // One target, whatever the webhook subscribes to: the test goes to this endpoint only.
        await enqueuer.WriteAsync(touched => store.WriteAsync([new IngestItem(evt, [webhook])], now, options.Value.Ingest.DedupeWindow, touched));
        return eventId;
    }
}
