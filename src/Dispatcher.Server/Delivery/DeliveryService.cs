using Dispatcher.Core.Partitioning;
using Dispatcher.Redis;
using Dispatcher.Server.Hosting;
using StackExchange.Redis;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// Owns the partition pumps: one per partition this instance serves. Alone, it serves them all.
/// Before pumping it checks the partition count against the one Redis recorded at the first start:
/// every key of queued work is named by its partition, so a changed count would strand it.
/// Stopping stops the pumps claiming, lets attempts in flight finish (until the host's shutdown
/// deadline) and hands back what was claimed but not sent; a killed process's claims simply
/// expire and are delivered again (at least once).
/// </summary>
public sealed partial class DeliveryService(
    IServiceProvider services,
    PartitionMap partitions,
    IConnectionMultiplexer redis,
    RedisKeys keys,
    IHostApplicationLifetime lifetime,
    ExitCode exitCode,
    TimeProvider time,
    ILogger<DeliveryService> logger) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's token fires at its shutdown deadline: only then are attempts in flight abandoned.
        using var deadline = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await PartitionCountMatchesAsync(stoppingToken))
        {
            return;
        }
        await Task.WhenAll(Enumerable.Range(0, partitions.Count).Select(p =>
        {
            var pump = ActivatorUtilities.CreateInstance<PartitionPump>(services, p);
            return Task.Run(() => pump.RunAsync(stoppingToken, _abort.Token), CancellationToken.None);
        }));
    }

    private async Task<bool> PartitionCountMatchesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var db = redis.GetDatabase();
                await db.StringSetAsync(keys.PartitionCount, partitions.Count, when: When.NotExists);
                int recorded = (int)await db.StringGetAsync(keys.PartitionCount);
                if (recorded == partitions.Count)
                {
                    return true;
                }
                LogPartitionCountMismatch(logger, partitions.Count, recorded);
                exitCode.Value = 2;
                // Stopping while the host is still starting would fail its start with a bare cancellation.
                await WhenStartedAsync();
                lifetime.StopApplication();
                return false;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogRedisUnavailable(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        return false;
    }

    private Task WhenStartedAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task;
    }

    [LoggerMessage(EventId = 2010, EventName = "PartitionCountMismatch", Level = LogLevel.Critical,
        Message = "Dispatcher:Partitions:Count is {Configured} but this Redis was set up with {Recorded} partitions; queued work is keyed by partition, so the count can never change. Set it back to {Recorded}. Stopping.")]
    private static partial void LogPartitionCountMismatch(ILogger logger, int configured, int recorded);

    [LoggerMessage(EventId = 2011, EventName = "DeliveryWaitingForRedis", Level = LogLevel.Warning,
        Message = "Delivery waits for Redis before it starts; retrying in 1 s")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);
}
