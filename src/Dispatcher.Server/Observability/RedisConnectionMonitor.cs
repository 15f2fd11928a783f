using System.Collections.Concurrent;
using System.Net;
using StackExchange.Redis;

namespace Dispatcher.Server.Observability;

/// <summary>
/// One log line when the connection to Redis is lost and one when it is back, per endpoint —
/// not one per failed reconnect attempt. Only the interactive connection (the one commands use)
/// is followed; the pub/sub connection fails and returns with it.
/// </summary>
/// <remarks>
/// A reconnected socket is not a usable Redis: while a restarted server replays its AOF it accepts
/// connections and answers every command with LOADING, and the client reports "restored" and
/// "failed" again every few milliseconds. So "back" is declared only once a PING to that endpoint
/// succeeds, retried until it does.
/// </remarks>
public sealed partial class RedisConnectionMonitor(
    IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisConnectionMonitor> logger) : IHostedService
{
    private static readonly TimeSpan ConfirmInterval = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentDictionary<string, bool> _lost = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _confirming = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnFailed;
        redis.ConnectionRestored += OnRestored;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnFailed;
        redis.ConnectionRestored -= OnRestored;
        await _stopping.CancelAsync();
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
        string name = Name(e.EndPoint);
        if (e.ConnectionType != ConnectionType.Interactive || !_lost.ContainsKey(name) || e.EndPoint is null)
        {
            return;
        }
        if (_confirming.TryAdd(name, true))
        {
            _ = ConfirmAsync(name, e.EndPoint);
        }
    }

    /// <summary>PINGs the endpoint until it answers, then logs that Redis is back.</summary>
    private async Task ConfirmAsync(string name, EndPoint endPoint)
    {
        await Task.Yield();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    await redis.GetServer(endPoint).PingAsync();
                    if (_lost.TryRemove(name, out _))
                    {
                        LogRegained(logger, name);
                    }
                    return;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    await Task.Delay(ConfirmInterval, time, _stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        finally
        {
            _confirming.TryRemove(name, out _);
        }
    }

    private static string Name(EndPoint? endPoint) => endPoint?.ToString() ?? "unknown";
}
