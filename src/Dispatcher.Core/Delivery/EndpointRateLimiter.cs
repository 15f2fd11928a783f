using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.RateLimiting;
using Dispatcher.Core.Webhooks;

namespace Dispatcher.Core.Delivery;

/// <summary>
/// One <see cref="TokenBucketRateLimiter"/> per webhook: its rate sustained, its burst on top (the
/// deployment's unless the webhook sets its own). Every bucket is refilled from one shared timer,
/// in proportion to the time elapsed and capped at the bucket's size, rather than a timer per
/// endpoint. A granted token allocates nothing, unlike the BCL's partitioned limiter, whose
/// lease wrapper costs every delivery an allocation.
/// </summary>
public sealed class EndpointRateLimiter : IDisposable
{
    /// <summary>
    /// Small enough that one refill at 50/s (2.5 tokens) never overflows a bucket of 10, so no token
    /// owed is lost to the cap; large enough that thousands of buckets cost the timer little.
    /// </summary>
    private static readonly TimeSpan RefillEvery = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<BucketKey, TokenBucketRateLimiter> _buckets = new();
    private readonly RateLimitSettings _default;
    private readonly int _waitersPerEndpoint;
    private readonly ITimer _refill;

    /// <param name="defaults">The deployment's rate and burst.</param>
    /// <param name="waitersPerEndpoint">How many senders of one endpoint may wait for a token at once.</param>
    public EndpointRateLimiter(RateLimitSettings defaults, int waitersPerEndpoint)
    {
        _default = defaults;
        _waitersPerEndpoint = waitersPerEndpoint;
        // The buckets read the real clock (Stopwatch), so their refill runs on it too.
        _refill = TimeProvider.System.CreateTimer(_ => Refill(), null, RefillEvery, RefillEvery);
    }

    /// <summary>Told how long an acquire waited, when it had to (a token was not there at once). Null: not measured.</summary>
    public Action<TimeSpan>? Waited { get; set; }

    /// <summary>Waits for the webhook's next token. Every attempt takes one: first sends, retries, replays.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(Webhook webhook, CancellationToken cancellationToken)
    {
        var settings = webhook.RateLimit ?? _default;
        // The key carries the settings, so changing a webhook's limit starts a bucket of the new shape.
        var key = new BucketKey(webhook.Id, settings.PerSecond, settings.Burst);
        var bucket = _buckets.TryGetValue(key, out var existing) ? existing : _buckets.GetOrAdd(key, Create);
        // Refill here too, not only on the timer: a timer starved by a busy machine would let the
        // bucket's cap swallow tokens that were owed, and the endpoint would fall below its rate.
        bucket.TryReplenish();
        var pending = bucket.AcquireAsync(1, cancellationToken);
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
        var bucket = _buckets.GetOrAdd(new BucketKey(webhook.Id, settings.PerSecond, settings.Burst), Create);
        bucket.TryReplenish();
        while (true)
        {
            using var lease = bucket.AttemptAcquire(1);
            if (!lease.IsAcquired)
            {
                return;
            }
        }
    }

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

    public void Dispose()
    {
        _refill.Dispose();
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    private TokenBucketRateLimiter Create(BucketKey key) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = key.Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / key.PerSecond),
        QueueLimit = _waitersPerEndpoint,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = false,
    });

    private void Refill()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.TryReplenish();
        }
    }

    private readonly record struct BucketKey(string WebhookId, int PerSecond, int Burst);
}
