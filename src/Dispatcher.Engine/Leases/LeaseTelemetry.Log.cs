using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Leases;

public sealed partial class LeaseTelemetry
{
    [LoggerMessage(EventId = LogEventIds.PartitionAcquired, EventName = nameof(LogEventIds.PartitionAcquired), Level = LogLevel.Debug,
        Message = "Delivering partition {Partition}: its lease was free; {Due} deliveries due")]
    private static partial void LogAcquired(ILogger logger, int partition, long due);

    [LoggerMessage(EventId = LogEventIds.PartitionTakenOver, EventName = nameof(LogEventIds.PartitionTakenOver), Level = LogLevel.Debug,
        Message = "Took over partition {Partition} from {PreviousHolder}, which {How}; {Due} deliveries due moved here; delivering after {DelayMs} ms")]
    private static partial void LogTakenOver(ILogger logger, int partition, string previousHolder, string how, long due, double delayMs);

    [LoggerMessage(EventId = LogEventIds.PartitionsReleased, EventName = nameof(LogEventIds.PartitionsReleased), Level = LogLevel.Information,
        Message = "Handed back every partition lease (stopping)")]
    private static partial void LogReleased(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.PartitionsHeld, EventName = nameof(LogEventIds.PartitionsHeld), Level = LogLevel.Information,
        Message = "Delivering {Held} of {Total} partitions")]
    private static partial void LogHeld(ILogger logger, int held, int total);

    [LoggerMessage(EventId = LogEventIds.PartitionsTakenOverFromExpired, EventName = nameof(LogEventIds.PartitionsTakenOverFromExpired), Level = LogLevel.Warning,
        Message = "Took over {Count} partitions from instances that let their leases expire (stopped without handing them back); their deliveries start after {DelayMs} ms")]
    private static partial void LogTakenOverFromExpired(ILogger logger, int count, double delayMs);
}
