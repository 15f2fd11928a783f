using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Processing;

public sealed partial class DeliveryProcessor
{
    [LoggerMessage(EventId = LogEventIds.DeliveryFailed, EventName = nameof(LogEventIds.DeliveryFailed), Level = LogLevel.Information,
        Message = "Delivery {DeliveryId} to webhook {WebhookId} failed after {Attempts} attempts: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string deliveryId, string webhookId, int attempts, string reason);

    [LoggerMessage(EventId = LogEventIds.RetryScheduled, EventName = nameof(LogEventIds.RetryScheduled), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} to webhook {WebhookId}: attempt {Attempts} failed ({Reason}); next attempt at {Due:o}")]
    private static partial void LogRetryScheduled(ILogger logger, string deliveryId, string webhookId, int attempts, string reason, DateTimeOffset due);

    [LoggerMessage(EventId = LogEventIds.AttemptSettled, EventName = nameof(LogEventIds.AttemptSettled), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} attempt {Attempt}: {Outcome}, on record and settled")]
    private static partial void LogAttemptSettled(ILogger logger, string deliveryId, int attempt, string outcome);

    [LoggerMessage(EventId = LogEventIds.HeldDeliveryHandedBack, EventName = nameof(LogEventIds.HeldDeliveryHandedBack), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} to webhook {WebhookId} was claimed before the webhook was paused or disabled; handed back unsent, due {Due:o}")]
    private static partial void LogHandedBackHeld(ILogger logger, string deliveryId, string webhookId, DateTimeOffset due);

    [LoggerMessage(EventId = LogEventIds.SettleFailed, EventName = nameof(LogEventIds.SettleFailed), Level = LogLevel.Warning,
        Message = "Could not record the outcome of delivery {DeliveryId}; it will be sent again after its claim expires")]
    private static partial void LogSettleFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(EventId = LogEventIds.NoToken, EventName = nameof(LogEventIds.NoToken), Level = LogLevel.Warning,
        Message = "Webhook {WebhookId}: rate limiter queue full; the delivery waits for its claim to expire")]
    private static partial void LogNoToken(ILogger logger, string webhookId);

    [LoggerMessage(EventId = LogEventIds.WebhookDisabled, EventName = nameof(LogEventIds.WebhookDisabled), Level = LogLevel.Warning,
        Message = "Webhook {WebhookId} disabled: {Reason}. Its events keep queuing until it is enabled")]
    private static partial void LogWebhookDisabled(ILogger logger, string webhookId, string reason);

    [LoggerMessage(EventId = LogEventIds.WebhookPaused, EventName = nameof(LogEventIds.WebhookPaused), Level = LogLevel.Information,
        Message = "Webhook {WebhookId} answered {Status} with Retry-After: paused until {Until:o}")]
    private static partial void LogWebhookPaused(ILogger logger, string webhookId, int status, DateTimeOffset until);

    [LoggerMessage(EventId = LogEventIds.WorkspaceDeliveryHeld, EventName = nameof(LogEventIds.WorkspaceDeliveryHeld), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} waits: workspace {WorkspaceId} is suspended; looked at again at {Until:o}")]
    private static partial void LogWorkspaceHeld(ILogger logger, string deliveryId, string workspaceId, DateTimeOffset until);
}
