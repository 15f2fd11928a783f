using System.Diagnostics.Metrics;
using Dispatcher.Core.Partitioning;
using Dispatcher.Engine.Telemetry;

namespace Dispatcher.Engine.Leases;

/// <summary>
/// What the lease loop (PartitionLeaseSupervisor) did: which partitions this instance holds, when Redis last
/// answered a renewal round, and one log line per round that changed how many partitions it
/// delivers (the per-partition lines are Debug: 64 of them drown a start-up screen). Read by
/// the <c>leases</c> readiness check, the backlog sampler and the <c>dispatcher.partitions.held</c> gauge.
/// </summary>
public sealed partial class LeaseTelemetry
{
    // Lease expiry runs on Redis's real clock, and so does the lease loop: never a fake one.
    private static readonly TimeProvider LeaseClock = TimeProvider.System;

    private readonly bool[] _held;
    private readonly bool[] _heldElsewhere;
    private readonly bool[] _wasElsewhere;
    private readonly Counter<long> _renewals;
    private readonly Counter<long> _changes;
    private readonly ILogger<LeaseTelemetry> _logger;
    private long _lastAnswered = long.MinValue;
    private long _roundsEnded;
    private string _self = "";
    private int _members;
    private int _reportedHeld = -1;
    private int _expiredTakeovers;
    private TimeSpan _takeoverDelay;

    public LeaseTelemetry(PartitionMap partitions, IMeterFactory meters, ILogger<LeaseTelemetry> logger)
    {
        _held = new bool[partitions.Count];
        _heldElsewhere = new bool[partitions.Count];
        _wasElsewhere = new bool[partitions.Count];
        _logger = logger;
        var meter = meters.Create(DispatcherMetrics.MeterName);
        _renewals = meter.CreateCounter<long>("dispatcher.partition.lease.renewals", "{renewal}",
            "Lease acquire-or-renew calls, by result: held (ours), elsewhere (another instance's) or error (Redis did not answer)");
        _changes = meter.CreateCounter<long>("dispatcher.partition.lease.changes", "{change}",
            "Partitions this instance started or stopped delivering: acquired, taken_over (from another instance), handed_off (beyond its share) or lost");
        meter.CreateObservableGauge("dispatcher.partitions.held", () => HeldCount, "{partition}", "Partitions this instance holds the lease of");
        meter.CreateObservableGauge("dispatcher.instances.live", () => Volatile.Read(ref _members), "{instance}",
            "Live instances (this one included) in the membership set at this instance's last heartbeat");
    }

    public int HeldCount
    {
        get
        {
            lock (_held)
            {
                return _held.Count(h => h);
            }
        }
    }

    /// <summary>This instance's id in lease keys, so a lease it held itself is not reported as taken over.</summary>
    public void Identify(string instanceId) => _self = instanceId;

    /// <summary>The partitions this instance delivers for now.</summary>
    public int[] HeldPartitions()
    {
        lock (_held)
        {
            return Enumerable.Range(0, _held.Length).Where(p => _held[p]).ToArray();
        }
    }

    /// <summary>
    /// Rounds finished with Redis answering: after the first, this instance's membership, leases and
    /// partition starts are written (what a test snapshotting Redis must wait for).
    /// </summary>
    public long RoundsEnded => Interlocked.Read(ref _roundsEnded);

    /// <summary>How long ago Redis last answered a renewal round, or null if it never has.</summary>
    public TimeSpan? SinceLastRound =>
        Volatile.Read(ref _lastAnswered) is var last && last == long.MinValue ? null : LeaseClock.GetElapsedTime(last);

    /// <summary>
    /// This instance began delivering the partition. <paramref name="previousHolder"/> is the
    /// holder of the lease's previous epoch ("" if none, null when the lease was ours already),
    /// <paramref name="due"/> the deliveries due in it at that moment (-1: unknown).
    /// </summary>
    public void Acquired(int partition, string? previousHolder, bool previousReleased, long due, TimeSpan delay)
    {
        bool takenOver;
        lock (_held)
        {
            _held[partition] = true;
            // Without the lease's own record (an older deployment), fall back to what the last rounds saw.
            takenOver = previousHolder is { Length: > 0 } ? !previousHolder.Equals(_self, StringComparison.Ordinal) : _wasElsewhere[partition];
            if (takenOver && !previousReleased)
            {
                // A holder that let its lease expire crashed or was cut off: the round's summary says so.
                _expiredTakeovers++;
                _takeoverDelay = delay > _takeoverDelay ? delay : _takeoverDelay;
            }
        }
        _changes.Add(1, new KeyValuePair<string, object?>("change", takenOver ? "taken_over" : "acquired"));
        if (takenOver)
        {
            LogTakenOver(_logger, partition, previousHolder is { Length: > 0 } ? previousHolder : "another instance",
                previousReleased ? "handed it back" : "let its lease expire", due, delay.TotalMilliseconds);
        }
        else
        {
            LogAcquired(_logger, partition, due);
        }
    }

    /// <summary>
    /// The lease loop finished a round (its partitions started or stopped): one line if the number
    /// delivered changed since the last one, and a warning if any came from an instance that let its
    /// leases expire. Nothing before Redis first answered: "0 of N" would only mean "not yet".
    /// </summary>
    public void RoundEnded()
    {
        if (SinceLastRound is null)
        {
            return;
        }
        Interlocked.Increment(ref _roundsEnded);
        int held;
        int expired;
        TimeSpan delay;
        lock (_held)
        {
            held = _held.Count(h => h);
            expired = _expiredTakeovers;
            delay = _takeoverDelay;
            _expiredTakeovers = 0;
            _takeoverDelay = TimeSpan.Zero;
        }
        if (expired > 0)
        {
            LogTakenOverFromExpired(_logger, expired, delay.TotalMilliseconds);
        }
        if (held != _reportedHeld)
        {
            _reportedHeld = held;
            LogHeld(_logger, held, _held.Length);
        }
    }

    /// <summary>
    /// Redis answered this round's membership heartbeat. With <paramref name="emptyShare"/> (more
    /// instances than partitions) the round renews no lease, so the heartbeat is its answer;
    /// otherwise only the lease calls count, which can fail while the heartbeat works.
    /// </summary>
    public void HeartbeatAnswered(int members, bool emptyShare)
    {
        Volatile.Write(ref _members, members);
        if (emptyShare)
        {
            Volatile.Write(ref _lastAnswered, LeaseClock.GetTimestamp());
        }
    }

    /// <summary>This instance handed the partition back (beyond its share).</summary>
    public void HandedOff(int partition)
    {
        lock (_held)
        {
            _held[partition] = false;
        }
        _changes.Add(1, new KeyValuePair<string, object?>("change", "handed_off"));
    }

    /// <summary>This instance stopped delivering the partition (lost, or not renewed in time).</summary>
    public void Lost(int partition)
    {
        lock (_held)
        {
            _held[partition] = false;
        }
        _changes.Add(1, new KeyValuePair<string, object?>("change", "lost"));
    }

    /// <summary>Every lease was handed back (graceful stop).</summary>
    public void Released()
    {
        lock (_held)
        {
            Array.Clear(_held);
        }
        LogReleased(_logger);
    }

    /// <summary>
    /// A renewal round finished (called before its partitions are started or stopped); <c>Held</c>
    /// is null where Redis did not answer.
    /// </summary>
    public void RoundCompleted(IEnumerable<(int Partition, bool? Held)> results)
    {
        bool answered = false;
        foreach (var (partition, held) in results)
        {
            _renewals.Add(1, new KeyValuePair<string, object?>("result", held switch { true => "held", false => "elsewhere", null => "error" }));
            if (held is { } h)
            {
                answered = true;
                lock (_held)
                {
                    // Kept a round longer: a partition acquired now was taken over if another held it last round.
                    _wasElsewhere[partition] = _heldElsewhere[partition];
                    _heldElsewhere[partition] = !h;
                }
            }
        }
        if (answered)
        {
            Volatile.Write(ref _lastAnswered, LeaseClock.GetTimestamp());
        }
    }
}
