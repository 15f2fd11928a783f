using Dispatcher.Core.Logging;
namespace Dispatcher.Engine.Lifecycle;

public sealed partial class HoldRelay
{
    [LoggerMessage(EventId = LogEventIds.HoldRelaySubscribeFailed, EventName = nameof(LogEventIds.HoldRelaySubscribeFailed), Level = LogLevel.Warning,
        Message = "Could not subscribe to other instances' disables; retrying in 1 s (deliveries already claimed here for a webhook disabled elsewhere are still sent meanwhile)")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = LogEventIds.HoldRelayAnnounceFailed, EventName = nameof(LogEventIds.HoldRelayAnnounceFailed), Level = LogLevel.Debug,
        Message = "Could not announce the disable or enable of webhook {WebhookId} to the other instances; Redis's hold still stops new claims")]
    private static partial void LogAnnounceFailed(ILogger logger, string webhookId, Exception exception);
}
