using Dispatcher.Core.Partitioning;
using StackExchange.Redis;

namespace Dispatcher.Engine.Leases;

// Membership and fair share: which partitions this instance should hold, and handing back the rest.
public sealed partial class PartitionLeaseSupervisor
{
    private readonly Dictionary<int, Task> _handOffs = [];

    /// <summary>
    /// How long a new holder waits before delivering a partition whose previous holder let its
    /// lease expire instead of handing it back: that holder stopped at its own deadline, but a
    /// request it had sent may still be answered, and its rate bucket was spent until then.
    /// </summary>
    private TimeSpan TakeoverDelay => partitionOptions.Value.TakeoverDelay ?? deliveryOptions.Value.RequestTimeout;

    /// <summary>Heartbeat, then this instance's share among the live members; kept as it was when Redis does not answer.</summary>
    private async Task RefreshShareAsync(TimeSpan ttl)
    {
        try
        {
            string[] members = await membership.HeartbeatAsync(InstanceId, ttl);
            // A heartbeat always lists its writer, unless a reader expired it in between.
            if (!members.Contains(InstanceId, StringComparer.Ordinal))
            {
                members = [.. members, InstanceId];
            }
            var share = PartitionAssignment.For(partitions.Count, members, InstanceId);
            if (members.Length != _members || !share.SetEquals(_share))
            {
                LogShareChanged(logger, members.Length, share.Count, partitions.Count);
            }
            _members = members.Length;
            _share = share;
            leaseTelemetry.HeartbeatAnswered(members.Length, share.Count == 0);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The lease calls that follow fail too; pumps stop at their own deadlines.
        }
    }

    /// <summary>
    /// Beyond this instance's share: stop the pump (attempts in flight finish, claims go back), then
    /// release the lease. Runs beside the lease loop, which must keep renewing the other leases;
    /// this lease is no longer renewed, so the pump's own deadline bounds how long its attempts may take.
    /// </summary>
    private void HandOff(int partition)
    {
        if (!_pumps.Remove(partition, out var running))
        {
            return;
        }
        leaseTelemetry.HandedOff(partition);
        LogHandedOff(logger, partition, _share.Count, _members);
        _handOffs[partition] = Task.Run(async () =>
        {
            await running.Cts.CancelAsync();
            await running.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            running.Dispose();
            try
            {
                await leases.ReleaseAsync(partition, InstanceId);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // It expires on its own; the next holder then waits the takeover delay.
                LogReleaseFailed(logger, ex);
            }
        });
    }

    private void ForgetFinishedHandOffs()
    {
        foreach (int partition in _handOffs.Where(h => h.Value.IsCompleted).Select(h => h.Key).ToList())
        {
            _handOffs.Remove(partition);
        }
    }

    /// <summary>Deliveries due in the partition when it changes hands (bounded, best effort; -1 if Redis did not answer).</summary>
    private async Task<long> DueCountAsync(int partition)
    {
        try
        {
            return (await backlog.ReadAsync(partition, time.GetUtcNow())).Due;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return -1;
        }
    }

    private async Task LeaveAsync()
    {
        try
        {
            await membership.LeaveAsync(InstanceId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The others drop this instance when its heartbeat is a lease TTL old.
        }
    }
}
