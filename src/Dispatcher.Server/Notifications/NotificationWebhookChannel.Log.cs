using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Notifications;

public sealed partial class NotificationWebhookChannel
{
    [LoggerMessage(EventId = LogEventIds.NotificationEventQueued, EventName = nameof(LogEventIds.NotificationEventQueued), Level = LogLevel.Information,
        Message = "Owner notification {EventId} ({Type} about webhook {WebhookId}) queued for {Targets} notification webhooks (duplicate: {Duplicate})")]
    private static partial void LogQueued(ILogger logger, string eventId, string type, string webhookId, int targets, bool duplicate);
}
