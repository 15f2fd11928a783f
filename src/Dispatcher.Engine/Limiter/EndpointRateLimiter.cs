using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.RateLimiting;
using Dispatcher.Core.Webhooks;

namespace Dispatcher.Engine.Limiter;

/// <summary>
/// One <see cref="EndpointBucket"/> per webhook: its rate sustained, its burst at most at once (the
/// deployment's unless the webhook sets its own; a changed limit reshapes the webhook's bucket rather
/// than starting a full one). One shared timer hands tokens to waiting senders and evicts buckets
/// that have sat full and unused for <c>idleLimit</c>, as <c>DefaultPartitionedRateLimiter</c> does:
/// a new bucket starts full, so evicting a full one changes nothing an endpoint can see. A granted
/// token allocates nothing.
/// </summary>
public sealed class EndpointRateLimiter : IDisposable
{
    /// <summary>
    /// How late a waiting sender may get a token that came due: short against a 20 ms token at 50/s,
    /// long enough that thousands of buckets cost the timer little.
    /// </summary>
    private static readonly TimeSpan ServeEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>Eviction scans every bucket: once a second is plenty for a limit of seconds.</summary>
    private const int EvictEveryTicks = 20;

    private readonly ConcurrentDictionary<string, EndpointBucket> _buckets = new(StringComparer.Ordinal);
    private readonly RateLimitSettings _default;
    private readonly int _waitersPerEndpoint;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleLimit;
    private readonly ITimer _timer;
    private int _ticks;

    /// <param name="defaults">The deployment's rate and burst.</param>
    /// <param name="waitersPerEndpoint">How many senders of one endpoint may wait for a token at once.</param>
    /// <param name="time">The clock of the buckets and of the shared timer. Default: the system clock.</param>
    /// <param name="idleLimit">How long a bucket sits full and unused before it is evicted. Default 10 s.</param>
    public EndpointRateLimiter(RateLimitSettings defaults, int waitersPerEndpoint, TimeProvider? time = null, TimeSpan? idleLimit = null)
    {
        _default = defaults;
        _waitersPerEndpoint = waitersPerEndpoint;
        _time = time ?? TimeProvider.System;
        _idleLimit = idleLimit ?? TimeSpan.FromSeconds(10);
        _timer = _time.CreateTimer(_ => OnTick(), null, ServeEvery, ServeEvery);
    }

    /// <summary>Told how long an acquire waited, when it had to (a token was not there at once). Null: not measured.</summary>
    public Action<TimeSpan>? Waited { get; set; }

    /// <summary>Buckets held now: one per webhook used within the idle limit (or still short of tokens).</summary>
    public int TrackedBuckets => _buckets.Count;

    /// <summary>Waits for the webhook's next token. Every attempt takes one: first sends, retries, replays.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(Webhook webhook, CancellationToken cancellationToken)
    {
        var settings = webhook.RateLimit ?? _default;
        ValueTask<RateLimitLease> pending;
        // A bucket evicted between the look-up and the take answers false: the next look-up makes a new one.
        while (!BucketOf(webhook.Id, settings).TryAcquire(settings.PerSecond, settings.Burst, cancellationToken, out pending))
        {
        }
        // A token at hand completes synchronously and costs nothing more; only real waits are timed.
        return pending.IsCompleted || Waited is not { } waited ? pending : TimeWaitAsync(pending, waited);
    }

    /// <summary>
    /// Spends every token the webhook's bucket holds, so its next attempts come at the sustained
    /// rate only. For an instance taking over a partition: the previous holder may have spent the
    /// burst just before, and the endpoint must not get a second one on top.
    /// </summary>
    public void Empty(Webhook webhook)
    {
        var settings = webhook.RateLimit ?? _default;
        while (true)
        {
            var bucket = BucketOf(webhook.Id, settings);
            if (bucket.TryEmpty())
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
        _buckets.Clear();
    }

    private EndpointBucket BucketOf(string webhookId, RateLimitSettings settings) =>
        _buckets.TryGetValue(webhookId, out var bucket)
            ? bucket
            : _buckets.GetOrAdd(webhookId, static (_, state) => new EndpointBucket(
                state.Settings.PerSecond, state.Settings.Burst, state.Self._waitersPerEndpoint, state.Self._time),
                (Self: this, Settings: settings));

    private static async ValueTask<RateLimitLease> TimeWaitAsync(ValueTask<RateLimitLease> pending, Action<TimeSpan> waited)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            return await pending.ConfigureAwait(false);
        }
        finally
        {
            waited(Stopwatch.GetElapsedTime(started));
        }
    }

    private void OnTick()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Serve();
        }
        // A slow tick may overlap the next one on the system timer.
        if (Interlocked.Increment(ref _ticks) % EvictEveryTicks == 0)
        {
            EvictIdle();
        }
    }

    private void EvictIdle()
    {
        List<EndpointBucket>? evicted = null;
        foreach (var (webhookId, bucket) in _buckets)
        {
            // Retired under the bucket's own lock, so no take can slip in between the check and the removal.
            if (bucket.TryRetire(_idleLimit) && _buckets.TryRemove(new KeyValuePair<string, EndpointBucket>(webhookId, bucket)))
            {
                (evicted ??= []).Add(bucket);
            }
        }
        // Disposed outside every lock, after the map no longer hands them out.
        evicted?.ForEach(b => b.Dispose());
    }
}
