using System.Threading.RateLimiting;

namespace Dispatcher.Engine.Limiter;

/// <summary>
/// One webhook's token bucket on a <see cref="TimeProvider"/>: <c>perSecond</c> sustained, <c>burst</c>
/// at most at once. The level is computed from the time elapsed and capped at the burst each time it is
/// read, so time spent full is never credited later: in any window T the endpoint gets at most
/// burst + perSecond × T tokens. (The BCL bucket, replenished by hand, credited a full bucket's idle
/// time on the first refill after a take: a second burst at once.)
/// </summary>
public sealed class EndpointBucket : RateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly int _queueLimit;
    private readonly LinkedList<Waiter> _waiters = new();
    private int _perSecond;
    private int _burst;
    private double _tokens;
    private long _updated;
    // When the bucket last became full (a timestamp), or -1 while it is not: how long it has been idle.
    private long _fullSince;
    private bool _retired;
    private long _granted;
    private long _refused;

    /// <param name="queueLimit">How many callers may wait for a token at once; beyond it a caller is refused.</param>
    public EndpointBucket(int perSecond, int burst, int queueLimit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _time = time;
        _queueLimit = queueLimit;
        _perSecond = perSecond;
        _burst = burst;
        _tokens = burst;
        _updated = time.GetTimestamp();
        _fullSince = _updated;
    }

    /// <summary>Time since the bucket last became full with nobody waiting; null while it is not full or someone waits.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                long now = _time.GetTimestamp();
                Refill(now);
                return _fullSince < 0 || _waiters.Count > 0 ? null : _time.GetElapsedTime(_fullSince, now);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill(_time.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                CurrentQueuedCount = _waiters.Count,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    /// <summary>
    /// Takes a token for a caller whose limit is <paramref name="perSecond"/>/<paramref name="burst"/>
    /// (a changed limit reshapes the bucket, keeping what it holds). False when the bucket was retired
    /// (evicted): the caller asks its owner for the current one.
    /// </summary>
    internal bool TryAcquire(int perSecond, int burst, CancellationToken cancellationToken, out ValueTask<RateLimitLease> lease)
    {
        lock (_lock)
        {
            if (_retired)
            {
                lease = default;
                return false;
            }
            long now = _time.GetTimestamp();
            Refill(now);
            if (perSecond != _perSecond || burst != _burst)
            {
                // A PATCH of the limit: the new shape applies from now; what was held stays (up to the new burst).
                _perSecond = perSecond;
                _burst = burst;
                _tokens = Math.Min(_tokens, burst);
                _fullSince = _tokens >= burst ? now : -1;
            }
            lease = TakeOrQueue(cancellationToken);
            return true;
        }
    }

    /// <summary>Spends every token held, so the next ones come at the sustained rate only.</summary>
    internal bool TryEmpty()
    {
        lock (_lock)
        {
            if (_retired)
            {
                return false;
            }
            Refill(_time.GetTimestamp());
            _tokens = 0;
            _fullSince = -1;
            return true;
        }
    }

    /// <summary>Retires the bucket if it has been full and unused for <paramref name="idleLimit"/>: a new one would hold the same.</summary>
    internal bool TryRetire(TimeSpan idleLimit)
    {
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            Refill(now);
            if (_fullSince < 0 || _waiters.Count > 0 || _time.GetElapsedTime(_fullSince, now) < idleLimit)
            {
                return false;
            }
            _retired = true;
            return true;
        }
    }

    /// <summary>Hands tokens due by now to the callers waiting, oldest first.</summary>
    internal void Serve()
    {
        List<Waiter>? served = null;
        lock (_lock)
        {
            if (_waiters.Count == 0)
            {
                return;
            }
            Refill(_time.GetTimestamp());
            while (_waiters.First is { } first && _tokens >= 1)
            {
                _tokens -= 1;
                Taken();
                _waiters.RemoveFirst();
                (served ??= []).Add(first.Value);
            }
        }
        // Completed outside the lock: a waiter's registration and continuation never run under it.
        foreach (var waiter in served ?? [])
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(BucketLease.Granted);
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            Refill(_time.GetTimestamp());
            if (permitCount == 0 || (_waiters.Count == 0 && _tokens >= permitCount))
            {
                _tokens -= permitCount;
                Taken();
                return BucketLease.Granted;
            }
            _refused++;
            return BucketLease.Refused;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        // Deliveries take one token each; the queue holds single-token waiters only.
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        lock (_lock)
        {
            Refill(_time.GetTimestamp());
            return TakeOrQueue(cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        List<Waiter> waiters;
        lock (_lock)
        {
            _retired = true;
            waiters = [.. _waiters];
            _waiters.Clear();
        }
        foreach (var waiter in waiters)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(BucketLease.Refused);
        }
    }

    // Under the lock, after Refill.
    private ValueTask<RateLimitLease> TakeOrQueue(CancellationToken cancellationToken)
    {
        // Oldest first: a caller never overtakes one already waiting.
        if (_waiters.Count == 0 && _tokens >= 1)
        {
            _tokens -= 1;
            Taken();
            return new ValueTask<RateLimitLease>(BucketLease.Granted);
        }
        if (_waiters.Count >= _queueLimit)
        {
            _refused++;
            return new ValueTask<RateLimitLease>(BucketLease.Refused);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new Waiter();
        var node = _waiters.AddLast(waiter);
        waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) => ((EndpointBucket)((object[])state!)[0]).Cancel(
            (LinkedListNode<Waiter>)((object[])state!)[1], token), new object[] { this, node });
        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken token)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return; // served meanwhile
            }
            _waiters.Remove(node);
        }
        node.Value.Completion.TrySetCanceled(token);
    }

    private void Taken()
    {
        _granted++;
        _fullSince = -1;
    }

    // Under the lock. Adds what accrued since the last update, capped at the burst: time spent full earns nothing.
    private void Refill(long now)
    {
        double elapsed = _time.GetElapsedTime(_updated, now).TotalSeconds;
        _updated = now;
        if (_tokens >= _burst || elapsed <= 0)
        {
            return;
        }
        double missing = _burst - _tokens;
        double accrued = elapsed * _perSecond;
        if (accrued >= missing)
        {
            // Full at the moment the missing tokens accrued, not now: that is when idling began.
            _fullSince = now - (long)((accrued - missing) / _perSecond * _time.TimestampFrequency);
            _tokens = _burst;
        }
        else
        {
            _tokens += accrued;
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
