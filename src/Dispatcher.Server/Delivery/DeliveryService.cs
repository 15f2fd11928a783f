using Dispatcher.Core.Partitioning;
using Dispatcher.Redis;
using Dispatcher.Redis.Leases;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Hosting;
using Dispatcher.Server.Observability;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// Runs a pump for every partition whose lease this instance holds (alone, it holds them all).
/// Leases are renewed every third of their TTL; a pump stops when its lease is lost, or when the
/// lease would have expired without a renewal (Redis unreachable), so two instances never
/// deliver one partition. Stopping lets attempts in flight finish (until the host's shutdown
/// deadline), hands back what was claimed but not sent, and releases the leases.
/// </summary>
public sealed partial class DeliveryService(
    IServiceProvider services,
    PartitionMap partitions,
    LeaseStore leases,
    IConnectionMultiplexer redis,
    RedisKeys keys,
    IOptions<DispatcherOptions> options,
    IHostApplicationLifetime lifetime,
    ExitCode exitCode,
    TimeProvider time,
    LeaseTelemetry leaseTelemetry,
    ILogger<DeliveryService> logger) : BackgroundService
{
    // Lease expiry is Redis's real clock, so renewals run on the real clock too, whatever drives schedules.
    private static readonly TimeProvider LeaseClock = TimeProvider.System;

    private readonly CancellationTokenSource _abort = new();
    private readonly Dictionary<int, RunningPump> _pumps = [];
    private readonly long[] _heldUntil = new long[partitions.Count];

    /// <summary>This instance's name in Redis lease keys: readable by operators, unique per process.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

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
        var ttl = options.Value.Partitions.LeaseTtl;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RenewAsync(ttl, stoppingToken);
                await Task.Delay(ttl / 3, LeaseClock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            await Task.WhenAll(_pumps.Keys.ToList().Select(StopPumpAsync));
            await ReleaseAllAsync();
        }
    }

    private async Task RenewAsync(TimeSpan ttl, CancellationToken stoppingToken)
    {
        long started = LeaseClock.GetTimestamp();
        var attempts = Enumerable.Range(0, partitions.Count).Select(async p =>
        {
            try
            {
                return (Partition: p, Held: (bool?)await leases.AcquireAsync(p, InstanceId, ttl));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return (Partition: p, Held: (bool?)null);
            }
        });
        var results = await Task.WhenAll(attempts);
        leaseTelemetry.RoundCompleted(results);
        foreach (var (partition, held) in results)
        {
            if (held == true)
            {
                // Counted from before the request: Redis's expiry can only be later than ours.
                _heldUntil[partition] = started + (long)(ttl.TotalSeconds * LeaseClock.TimestampFrequency);
                if (!_pumps.ContainsKey(partition))
                {
                    StartPump(partition, stoppingToken);
                    leaseTelemetry.Acquired(partition);
                }
            }
            else if (_pumps.ContainsKey(partition) && (held == false || LeaseClock.GetTimestamp() >= _heldUntil[partition]))
            {
                // Lost, or could not be renewed in time: stop before another instance may take over.
                LogLeaseLost(logger, partition, held == false ? "another instance holds it" : "it could not be renewed");
                await StopPumpAsync(partition);
                leaseTelemetry.Lost(partition);
            }
        }
    }

    private void StartPump(int partition, CancellationToken stoppingToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var pump = ActivatorUtilities.CreateInstance<PartitionPump>(services, partition);
        _pumps[partition] = new RunningPump(cts, Task.Run(() => pump.RunAsync(cts.Token, _abort.Token), CancellationToken.None));
    }

    private async Task StopPumpAsync(int partition)
    {
        if (_pumps.Remove(partition, out var running))
        {
            await running.Cts.CancelAsync();
            await running.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            running.Cts.Dispose();
        }
    }

    private async Task ReleaseAllAsync()
    {
        leaseTelemetry.Released();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, partitions.Count).Select(p => leases.ReleaseAsync(p, InstanceId)));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // They expire on their own.
            LogReleaseFailed(logger, ex);
        }
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

    private sealed record RunningPump(CancellationTokenSource Cts, Task Task);
}
