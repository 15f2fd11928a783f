namespace Dispatcher.Engine.Leases;

public sealed partial class PartitionLeaseSupervisor
{
    [LoggerMessage(EventId = 2010, EventName = "PartitionCountMismatch", Level = LogLevel.Critical,
        Message = "Dispatcher:Partitions:Count is {Configured} but this Redis was set up with {Recorded} partitions; queued work is keyed by partition, so the count can never change. Set it back to {Recorded}. Stopping.")]
    private static partial void LogPartitionCountMismatch(ILogger logger, int configured, int recorded);

    [LoggerMessage(EventId = 2011, EventName = "DeliveryWaitingForRedis", Level = LogLevel.Warning,
        Message = "Delivery waits for Redis before it starts; retrying in 1 s")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2012, EventName = "LeaseLost", Level = LogLevel.Warning,
        Message = "Stopped delivering partition {Partition}: {Reason}")]
    private static partial void LogLeaseLost(ILogger logger, int partition, string reason);

    [LoggerMessage(EventId = 2013, EventName = "LeaseReleaseFailed", Level = LogLevel.Warning,
        Message = "Could not release the partition leases; they expire on their own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
