using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Processing;

public sealed partial class DeliveryLogWriter
{
    [LoggerMessage(EventId = LogEventIds.DeliveryLogged, EventName = nameof(LogEventIds.DeliveryLogged), Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} attempt {Attempt}: {Outcome}")]
    private static partial void LogWritten(ILogger logger, string deliveryId, int attempt, string outcome);

    [LoggerMessage(EventId = LogEventIds.DeliveryLogWriteFailed, EventName = nameof(LogEventIds.DeliveryLogWriteFailed), Level = LogLevel.Warning,
        Message = "Could not write delivery {DeliveryId} to the delivery log")]
    private static partial void LogWriteFailed(ILogger logger, string deliveryId, Exception exception);
}
