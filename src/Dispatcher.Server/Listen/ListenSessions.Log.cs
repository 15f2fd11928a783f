using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Listen;

public sealed partial class ListenSessions
{
    [LoggerMessage(EventId = LogEventIds.ListenNotConnected, EventName = nameof(LogEventIds.ListenNotConnected), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} of listen webhook {WebhookId}: no CLI connected; retried on the schedule")]
    private static partial void LogNoListener(ILogger logger, string webhookId, string deliveryId);

    [LoggerMessage(EventId = LogEventIds.ListenRelayedIn, EventName = nameof(LogEventIds.ListenRelayedIn), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} of listen webhook {WebhookId}, relayed by instance {ReplyTo}, written to the stream here")]
    private static partial void LogRelayedIn(ILogger logger, string deliveryId, string webhookId, string replyTo);

    [LoggerMessage(EventId = LogEventIds.ListenRelayedToClosed, EventName = nameof(LogEventIds.ListenRelayedToClosed), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} of listen webhook {WebhookId} was relayed here after its stream closed; answered as a connection error")]
    private static partial void LogRelayedToClosed(ILogger logger, string deliveryId, string webhookId);

    [LoggerMessage(EventId = LogEventIds.ListenRelayedFull, EventName = nameof(LogEventIds.ListenRelayedFull), Level = LogLevel.Warning,
        Message = "Over {Capacity} relayed attempts await their report; the report of one for listen webhook {WebhookId} will not be relayed back (it times out and is retried)")]
    private static partial void LogRelayedFull(ILogger logger, string webhookId, int capacity);
}
