using Dispatcher.Core.Logging;
using StackExchange.Redis;

namespace Dispatcher.Server.Observability;

public sealed partial class RedisConnectionMonitor
{
    [LoggerMessage(EventId = LogEventIds.RedisConnectionLost, EventName = nameof(LogEventIds.RedisConnectionLost), Level = LogLevel.Error,
        Message = "Lost the connection to Redis at {EndPoint} ({FailureType}); ingest answers Unavailable and delivery waits until it is back")]
    private static partial void LogLost(ILogger logger, string endPoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = LogEventIds.RedisConnectionRestored, EventName = nameof(LogEventIds.RedisConnectionRestored), Level = LogLevel.Information,
        Message = "The connection to Redis at {EndPoint} is back")]
    private static partial void LogRegained(ILogger logger, string endPoint);
}
