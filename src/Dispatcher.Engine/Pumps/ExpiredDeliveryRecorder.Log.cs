using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Pumps;

public sealed partial class ExpiredDeliveryRecorder
{
    [LoggerMessage(EventId = LogEventIds.DeliveryExpired, EventName = nameof(LogEventIds.DeliveryExpired), Level = LogLevel.Warning,
        Message = "Delivery {DeliveryId} to webhook {WebhookId} (event {EventId}) was dropped after {Attempts} attempts: its event outlived its retention")]
    private static partial void LogExpired(ILogger logger, string deliveryId, string webhookId, string eventId, int attempts);

    [LoggerMessage(EventId = LogEventIds.ExpiredRecordFailed, EventName = nameof(LogEventIds.ExpiredRecordFailed), Level = LogLevel.Warning,
        Message = "Could not write the expiry of delivery {DeliveryId} to the delivery log")]
    private static partial void LogRecordFailed(ILogger logger, string deliveryId, Exception exception);
}
