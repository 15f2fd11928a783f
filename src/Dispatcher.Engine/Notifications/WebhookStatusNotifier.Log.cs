using Dispatcher.Core.Logging;
using WebhookStatus = Dispatcher.Core.Webhooks.WebhookStatus;

namespace Dispatcher.Engine.Notifications;

public sealed partial class WebhookStatusNotifier
{
    [LoggerMessage(EventId = LogEventIds.WebhookStatusChanged, EventName = nameof(LogEventIds.WebhookStatusChanged), Level = LogLevel.Information,
        Message = "Webhook {WebhookId} of workspace {WorkspaceId} is now {Status}: {Reason} (notification {NoteSequence})")]
    private static partial void LogStatusChanged(ILogger logger, string webhookId, string workspaceId, WebhookStatus status, string reason, long noteSequence);

    [LoggerMessage(EventId = LogEventIds.NotificationPublishFailed, EventName = nameof(LogEventIds.NotificationPublishFailed), Level = LogLevel.Warning,
        Message = "Could not announce the status change of webhook {WebhookId} to producers")]
    private static partial void LogPublishFailed(ILogger logger, string webhookId, Exception exception);
}
