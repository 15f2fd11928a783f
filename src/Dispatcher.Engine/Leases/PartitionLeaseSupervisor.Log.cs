using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Leases;

public sealed partial class PartitionLeaseSupervisor
{
    [LoggerMessage(EventId = LogEventIds.PartitionCountMismatch, EventName = nameof(LogEventIds.PartitionCountMismatch), Level = LogLevel.Critical,
        Message = "Dispatcher:Partitions:Count is {Configured} but this Redis was set up with {Recorded} partitions; queued work is keyed by partition, so the count can never change. Set it back to {Recorded}. Stopping.")]
    private static partial void LogPartitionCountMismatch(ILogger logger, int configured, int recorded);

    [LoggerMessage(EventId = LogEventIds.LayoutStamped, EventName = nameof(LogEventIds.LayoutStamped), Level = LogLevel.Information,
        Message = "Redis key layout {Layout} stamped under prefix {Prefix}: {What}")]
    private static partial void LogLayoutStamped(ILogger logger, int layout, string prefix, string what);

    [LoggerMessage(EventId = LogEventIds.LayoutMigrationRefused, EventName = nameof(LogEventIds.LayoutMigrationRefused), Level = LogLevel.Critical,
        Message = "The data under prefix {Prefix} is of Redis key layout 1, and {Count} key(s) (e.g. {Example}) hold workspace ids with '%', ':', '{{' or '}}' that layout 2 escapes; such names are ambiguous and cannot be renamed safely. Either drain the queues with the previous version and delete those keys, or start this version on a new Dispatcher:Redis:KeyPrefix. Stopping.")]
    private static partial void LogLayoutMigrationRefused(ILogger logger, string prefix, long count, string example);

    [LoggerMessage(EventId = LogEventIds.LayoutTooNew, EventName = nameof(LogEventIds.LayoutTooNew), Level = LogLevel.Critical,
        Message = "The data under prefix {Prefix} has Redis key layout {Stored}, written by a newer Dispatcher (this one reads layout {Layout}); upgrade this instance. Stopping.")]
    private static partial void LogLayoutTooNew(ILogger logger, string prefix, string stored, int layout);

    [LoggerMessage(EventId = LogEventIds.DeliveryWaitingForRedis, EventName = nameof(LogEventIds.DeliveryWaitingForRedis), Level = LogLevel.Warning,
        Message = "Delivery waits for Redis before it starts; retrying in 1 s")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = LogEventIds.LeaseLost, EventName = nameof(LogEventIds.LeaseLost), Level = LogLevel.Warning,
        Message = "Stopped delivering partition {Partition}: {Reason}")]
    private static partial void LogLeaseLost(ILogger logger, int partition, string reason);

    [LoggerMessage(EventId = LogEventIds.LeaseReleaseFailed, EventName = nameof(LogEventIds.LeaseReleaseFailed), Level = LogLevel.Warning,
        Message = "Could not release the partition leases; they expire on their own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = LogEventIds.PartitionShareChanged, EventName = nameof(LogEventIds.PartitionShareChanged), Level = LogLevel.Information,
        Message = "{Members} live instance(s): this instance's share is {Share} of {Partitions} partitions")]
    private static partial void LogShareChanged(ILogger logger, int members, int share, int partitions);

    [LoggerMessage(EventId = LogEventIds.PartitionHandedOff, EventName = nameof(LogEventIds.PartitionHandedOff), Level = LogLevel.Information,
        Message = "Handed partition {Partition} back: beyond this instance's share ({Share} partitions with {Members} live instances)")]
    private static partial void LogHandedOff(ILogger logger, int partition, int share, int members);
}
