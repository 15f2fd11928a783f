using Dispatcher.Core.Partitioning;
using Dispatcher.Engine.Configuration;
using Dispatcher.Engine.Instances;
using Dispatcher.Engine.Pumps;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Redis;
using Dispatcher.Redis.Leases;
using Dispatcher.Redis.Membership;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Engine.Leases;

/// <summary>
/// Runs a pump for every partition whose lease this instance holds. Every third of the lease TTL
/// it records a membership heartbeat, works out its fair share of the partitions among the live
/// instances (<see cref="PartitionAssignment"/>), hands back what lies beyond that share and
/// takes or renews the leases within it (alone, it holds them all). A pump stops when its lease
/// is lost, and at the lease's own deadline when no renewal came through (Redis unreachable), so
/// two instances never deliver one partition. Stopping lets attempts in flight finish (until the
/// host's shutdown deadline; at once when the lease ran out), hands back what was claimed but not
/// sent, and releases the leases.
/// </summary>
public sealed partial class PartitionLeaseSupervisor(
    IServiceProvider services,
    PartitionMap partitions,
    LeaseStore leases,
    IConnectionMultiplexer redis,
    RedisKeys keys,
    InstanceIdentity instance,
    IOptions<PartitionOptions> partitionOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    IHostApplicationLifetime lifetime,
    ExitCode exitCode,
    TimeProvider time,
    LeaseTelemetry leaseTelemetry,
    MembershipStore membership,
    BacklogReader backlog,
    RedisLayout layout,
    ILogger<PartitionLeaseSupervisor> logger) : BackgroundService
{
    // Lease expiry is Redis's real clock, so renewals run on the real clock too, whatever drives schedules.
    private static readonly TimeProvider LeaseClock = TimeProvider.System;

    private readonly CancellationTokenSource _abort = new();
    private readonly Dictionary<int, RunningPump> _pumps = [];
    private readonly long[] _heldUntil = new long[partitions.Count];
    private IReadOnlySet<int> _share = new HashSet<int>();
    private int _members;

    /// <summary>This instance's name in lease keys and membership.</summary>
    public string InstanceId => instance.Id;

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
        var ttl = partitionOptions.Value.LeaseTtl;
        leaseTelemetry.Identify(InstanceId);
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
            await Task.WhenAll(_pumps.Keys.ToList().Select(p => StopPumpAsync(p)).Concat(_handOffs.Values));
            await ReleaseAllAsync();
            await LeaveAsync();
        }
    }

    private async Task RenewAsync(TimeSpan ttl, CancellationToken stoppingToken)
    {
        long started = LeaseClock.GetTimestamp();
        await RefreshShareAsync(ttl);
        foreach (int partition in _pumps.Where(kv => kv.Value.Lapsed).Select(kv => kv.Key).ToList())
        {
            // Its own deadline passed before a renewal came through: it has stopped sending already.
            LogLeaseLost(logger, partition, "its lease could not be renewed in time");
            await StopPumpAsync(partition, abandon: true);
            leaseTelemetry.Lost(partition);
        }
        foreach (int partition in _pumps.Keys.Where(p => !_share.Contains(p)).ToList())
        {
            HandOff(partition);
        }
        ForgetFinishedHandOffs();
        // A partition still being handed back is not taken again until its pump has stopped.
        var attempts = _share.Where(p => !_handOffs.ContainsKey(p)).Select(async p =>
        {
            try
            {
                return (Partition: p, Grant: await leases.AcquireAsync(p, InstanceId, ttl));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return (Partition: p, Grant: (LeaseGrant?)null);
            }
        });
        var results = await Task.WhenAll(attempts);
        leaseTelemetry.RoundCompleted(results.Select(r => (r.Partition, r.Grant?.Held)));
        foreach (var (partition, grant) in results)
        {
            if (grant is { Held: true })
            {
                // Counted from before the request: Redis's expiry can only be later than ours.
                _heldUntil[partition] = started + (long)(ttl.TotalSeconds * LeaseClock.TimestampFrequency);
                await OnHeldAsync(partition, grant, stoppingToken);
            }
            else if (_pumps.ContainsKey(partition) && (grant is not null || LeaseClock.GetTimestamp() >= _heldUntil[partition]))
            {
                // Lost, or could not be renewed in time: stop before another instance may take over.
                LogLeaseLost(logger, partition, grant is not null ? "another instance holds it" : "it could not be renewed");
                await StopPumpAsync(partition, abandon: true);
                leaseTelemetry.Lost(partition);
            }
        }
        leaseTelemetry.RoundEnded();
    }

    private async Task OnHeldAsync(int partition, LeaseGrant grant, CancellationToken stoppingToken)
    {
        if (_pumps.TryGetValue(partition, out var running) && running.Epoch != grant.Epoch)
        {
            // The lease lapsed and was taken afresh (by us): the old pump's writes are fenced off now.
            LogLeaseLost(logger, partition, "its lease lapsed before it was renewed");
            await StopPumpAsync(partition, abandon: true);
            leaseTelemetry.Lost(partition);
        }
        if (_pumps.TryGetValue(partition, out running))
        {
            running.ExtendTo(LeaseClock.GetElapsedTime(LeaseClock.GetTimestamp(), _heldUntil[partition]));
            return;
        }
        if (stoppingToken.IsCancellationRequested)
        {
            // A round that outlived the stop (Redis was slow to answer): the leases are released next.
            return;
        }
        // An instance that let its lease expire may have been cut off mid-send: give its last
        // attempts time to land before this one starts, so the endpoint never gets both at once.
        var delay = grant.FromExpiredHolder(InstanceId) ? TakeoverDelay : TimeSpan.Zero;
        bool takenOver = grant.PreviousHolder is { Length: > 0 } previous && previous != InstanceId;
        StartPump(partition, grant.Epoch, takenOver, delay, LeaseClock.GetElapsedTime(LeaseClock.GetTimestamp(), _heldUntil[partition]), stoppingToken);
        leaseTelemetry.Acquired(partition, grant.PreviousHolder, grant.PreviousReleased, await DueCountAsync(partition), delay);
    }

    private void StartPump(int partition, long epoch, bool takenOver, TimeSpan delay, TimeSpan leaseLeft, CancellationToken stoppingToken)
    {
        var deadline = new CancellationTokenSource();
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        // At the lease's own deadline even attempts in flight are abandoned: nothing is sent after it.
        var abort = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, deadline.Token);
        var running = new RunningPump(cts, deadline, abort, epoch);
        running.ExtendTo(leaseLeft);
        var pump = ActivatorUtilities.CreateInstance<PartitionPump>(services, partition, epoch, takenOver);
        running.Task = Task.Run(async () =>
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, LeaseClock, cts.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            if (!cts.IsCancellationRequested)
            {
                await pump.RunAsync(cts.Token, abort.Token);
            }
        }, CancellationToken.None);
        _pumps[partition] = running;
    }

    /// <param name="abandon">The lease is gone: abandon attempts in flight rather than let them finish.</param>
    private async Task StopPumpAsync(int partition, bool abandon = false)
    {
        if (_pumps.Remove(partition, out var running))
        {
            if (abandon)
            {
                await running.AbandonAsync();
            }
            await running.Cts.CancelAsync();
            await running.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            running.Dispose();
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
                // Before the partition count is written: its absence is how a fresh keyspace is told apart.
                if (!await LayoutReadableAsync())
                {
                    return false;
                }
                var db = redis.GetDatabase();
                await db.StringSetAsync(keys.PartitionCount, partitions.Count, when: When.NotExists);
                int recorded = (int)await db.StringGetAsync(keys.PartitionCount);
                if (recorded == partitions.Count)
                {
                    return true;
                }
                LogPartitionCountMismatch(logger, partitions.Count, recorded);
                await RefuseToStartAsync();
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

    /// <summary>
    /// Stamps or accepts the key layout; false (after the Critical line and a stop with exit code 2)
    /// when the data under the prefix is of a layout this version would read wrongly.
    /// </summary>
    private async Task<bool> LayoutReadableAsync()
    {
        var verdict = await layout.CheckAsync();
        switch (verdict.State)
        {
            case LayoutState.Current:
                return true;
            case LayoutState.StampedFresh:
                LogLayoutStamped(logger, RedisLayout.Current, keys.Prefix, "a fresh keyspace");
                return true;
            case LayoutState.StampedMigrated:
                LogLayoutStamped(logger, RedisLayout.Current, keys.Prefix, verdict.From == 1
                    ? $"layout 1 data ({verdict.Scanned} keys scanned): no workspace id in it holds '%', ':', '{{' or '}}', so there is nothing to rename; {verdict.MovedLogs} delivery logs moved to their partition"
                    : $"layout 2 data: {verdict.MovedLogs} delivery logs moved to their partition");
                return true;
            case LayoutState.NeedsMigration:
                LogLayoutMigrationRefused(logger, keys.Prefix, verdict.Changed, verdict.Example);
                break;
            default:
                LogLayoutTooNew(logger, keys.Prefix, verdict.Stored, RedisLayout.Current);
                break;
        }
        await RefuseToStartAsync();
        return false;
    }

    private async Task RefuseToStartAsync()
    {
        exitCode.Value = 2;
        // Stopping while the host is still starting would fail its start with a bare cancellation.
        await WhenStartedAsync();
        lifetime.StopApplication();
    }

    private Task WhenStartedAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task;
    }

}
