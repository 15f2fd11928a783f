using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Pumps;

public sealed partial class PartitionPump
{
    [LoggerMessage(EventId = LogEventIds.PartitionRedisError, EventName = nameof(LogEventIds.PartitionRedisError), Level = LogLevel.Warning,
        Message = "Partition {Partition} could not reach Redis; retrying in 1 s")]
    private static partial void LogRedisError(ILogger logger, int partition, Exception exception);

    [LoggerMessage(EventId = LogEventIds.PumpFailed, EventName = nameof(LogEventIds.PumpFailed), Level = LogLevel.Error,
        Message = "Partition {Partition} pump failed; retrying in 1 s")]
    private static partial void LogPumpFailed(ILogger logger, int partition, Exception exception);

    [LoggerMessage(EventId = LogEventIds.DeliveriesClaimed, EventName = nameof(LogEventIds.DeliveriesClaimed), Level = LogLevel.Debug,
        Message = "Partition {Partition}: claimed {Count} deliveries of webhook {WebhookId} into its channel")]
    private static partial void LogClaimed(ILogger logger, int partition, int count, string webhookId);

    [LoggerMessage(EventId = LogEventIds.EndpointWorkersEvicted, EventName = nameof(LogEventIds.EndpointWorkersEvicted), Level = LogLevel.Debug,
        Message = "Partition {Partition}: evicted {Count} idle endpoint workers")]
    private static partial void LogWorkersEvicted(ILogger logger, int partition, int count);
}
