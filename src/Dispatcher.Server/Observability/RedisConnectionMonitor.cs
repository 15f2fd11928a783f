using System.Collections.Concurrent;
using System.Net;
using StackExchange.Redis;

namespace Dispatcher.Server.Observability;

/// <summary>
/// One log line when the connection to Redis is lost and one when it is back, per endpoint —
/// not one per failed reconnect attempt. Only the interactive connection (the one commands use)
/// is followed; the pub/sub connection fails and returns with it.
/// </summary>
public sealed partial class RedisConnectionMonitor(IConnectionMultiplexer redis, ILogger<RedisConnectionMonitor> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, bool> _lost = new(StringComparer.Ordinal);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnFailed;
        redis.ConnectionRestored += OnRestored;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnFailed;
        redis.ConnectionRestored -= OnRestored;
        return Task.CompletedTask;
    }

    private void OnFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive && _lost.TryAdd(Name(e.EndPoint), true))
        {
            // The failure type only: exception messages may quote the connection string.
            LogLost(logger, Name(e.EndPoint), e.FailureType);
        }
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive && _lost.TryRemove(Name(e.EndPoint), out _))
        {
            LogRegained(logger, Name(e.EndPoint));
        }
    }

    private static string Name(EndPoint? endPoint) => endPoint?.ToString() ?? "unknown";

    [LoggerMessage(EventId = 5410, EventName = "RedisConnectionLost", Level = LogLevel.Error,
        Message = "Lost the connection to Redis at {EndPoint} ({FailureType}); ingest answers Unavailable and delivery waits until it is back")]
    private static partial void LogLost(ILogger logger, string endPoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 5411, EventName = "RedisConnectionRestored", Level = LogLevel.Information,
        Message = "The connection to Redis at {EndPoint} is back")]
    private static partial void LogRegained(ILogger logger, string endPoint);
}
