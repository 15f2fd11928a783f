using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Workers;

public sealed partial class EndpointWorker
{
    [LoggerMessage(EventId = LogEventIds.SenderRestarted, EventName = nameof(LogEventIds.SenderRestarted), Level = LogLevel.Error,
        Message = "A sender of webhook {WebhookId} failed and was started again; the delivery in hand is sent again once its claim expires")]
    private static partial void LogSenderRestarted(ILogger logger, string webhookId, Exception exception);
}
