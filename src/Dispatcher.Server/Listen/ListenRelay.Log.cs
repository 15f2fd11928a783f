using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Listen;

public sealed partial class ListenRelay
{
    [LoggerMessage(EventId = LogEventIds.ListenRelayed, EventName = nameof(LogEventIds.ListenRelayed), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} of listen webhook {WebhookId} relayed to instance {Holder}, which holds its stream")]
    private static partial void LogRelayed(ILogger logger, string deliveryId, string webhookId, string holder);

    [LoggerMessage(EventId = LogEventIds.ListenRelayFailed, EventName = nameof(LogEventIds.ListenRelayFailed), Level = LogLevel.Warning,
        Message = "Could not relay delivery {DeliveryId} of listen webhook {WebhookId} through Redis; retried on the schedule")]
    private static partial void LogRelayFailed(ILogger logger, string deliveryId, string webhookId, Exception exception);

    [LoggerMessage(EventId = LogEventIds.ListenReportRelayFailed, EventName = nameof(LogEventIds.ListenReportRelayFailed), Level = LogLevel.Warning,
        Message = "Could not relay a report of listen webhook {WebhookId} to instance {ReplyTo}; its attempt times out and is retried")]
    private static partial void LogReportRelayFailed(ILogger logger, string webhookId, string replyTo, Exception exception);
}
