using System.Text.Json;
using Dispatcher.Core.Events;
using Dispatcher.Core.Json;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Redis.Ingest;
using Dispatcher.Redis.Notifications;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// Owner notifications as events of the workspace: a status change becomes a <c>webhook.*</c> event
/// ingested through the normal durable path (the same script, schedule, signing, retries, log and
/// rate cap as a producer's event) for every webhook of the workspace subscribed to its type, except
/// the webhook it is about: a failing notification endpoint never notifies about itself. The event id
/// comes from the log entry, so an entry handled twice (its handler died) is a duplicate that queues nothing.
/// </summary>
public sealed partial class NotificationWebhookChannel(
    WebhookStore webhooks, IngestStore ingest, Enqueuer enqueuer, IOptions<DispatcherOptions> options, TimeProvider time,
    ILogger<NotificationWebhookChannel> logger) : IOwnerNotificationChannel
{
    public string Name => "webhooks";

    public bool Enabled => true;

    public bool AtMostOnce => false;

    /// <summary>The event's id: one per log entry, so re-ingesting it is deduplicated.</summary>
    public static string EventIdOf(StatusNote note) => $"evt_ntf_{note.WebhookId}_{note.Sequence}";

    public async Task<bool> DeliverAsync(StatusNote note, CancellationToken cancellationToken)
    {
        var targets = (await webhooks.ListAsync(note.WorkspaceId))
            .Where(w => w.IsSubscribedTo(note.Type) && !string.Equals(w.Id, note.WebhookId, StringComparison.Ordinal))
            .ToList();
        if (targets.Count == 0)
        {
            return true;
        }
        // Canonical like producer data, so receivers that re-serialise the body verify it too.
        byte[] data = JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(new NotificationEventData(
            note.WebhookId, note.Endpoint, note.Status.ToString().ToLowerInvariant(), note.Reason, note.At)));
        var evt = new StoredEvent(EventIdOf(note), note.WorkspaceId, note.Type, note.At, data);
        var outcomes = await enqueuer.WriteAsync(touched =>
            ingest.WriteAsync([new IngestItem(evt, targets)], time.GetUtcNow(), options.Value.Ingest.DedupeWindow, touched));
        LogQueued(logger, evt.Id, note.Type, note.WebhookId, targets.Count, outcomes[0] == IngestOutcome.Duplicate);
        return true;
    }
}
