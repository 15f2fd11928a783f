using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Notifications;

public sealed partial class OwnerNotificationWorker
{
    [LoggerMessage(EventId = LogEventIds.NotificationConsumerFailed, EventName = nameof(LogEventIds.NotificationConsumerFailed), Level = LogLevel.Warning,
        Message = "The {Channel} owner notifications failed on the notification log or an entry; the next pass, or the entry's retry, tries again")]
    private static partial void LogConsumerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = LogEventIds.NotificationEntryAbandoned, EventName = nameof(LogEventIds.NotificationEntryAbandoned), Level = LogLevel.Warning,
        Message = "The {Channel} owner notification {Sequence} of workspace {WorkspaceId} (webhook {WebhookId}) was being sent by an instance that stopped mid-way; it is not sent again, so it may not have arrived")]
    private static partial void LogAbandoned(ILogger logger, string channel, long sequence, string workspaceId, string webhookId);
}
