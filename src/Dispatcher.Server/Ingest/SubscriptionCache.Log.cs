using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Ingest;

public sealed partial class SubscriptionCache
{
    [LoggerMessage(EventId = LogEventIds.IngestSkippedUnreadableWebhook, EventName = nameof(LogEventIds.IngestSkippedUnreadableWebhook), Level = LogLevel.Warning,
        Message = "Webhook {WebhookId} of workspace {Workspace} has a signing secret that cannot be decrypted; " +
            "new events are not queued for it until the key ring is restored or the secret is rotated")]
    private static partial void LogSkipped(ILogger logger, string webhookId, string workspace);
}
