using System.Threading.RateLimiting;
using Dispatcher.Core.Webhooks;

namespace Dispatcher.Core.Delivery;

/// <summary>
/// One token bucket per webhook: its rate sustained, its burst on top (the deployment's unless the
/// webhook sets its own). The partitioned limiter refills every bucket from one shared timer, in
/// proportion to the time elapsed and capped at the bucket's size, rather than a timer per endpoint.
/// </summary>
public sealed class EndpointRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<BucketKey> _limiter;
    private readonly RateLimitSettings _default;

    /// <param name="defaults">The deployment's rate and burst.</param>
    /// <param name="waitersPerEndpoint">How many senders of one endpoint may wait for a token at once.</param>
    public EndpointRateLimiter(RateLimitSettings defaults, int waitersPerEndpoint)
    {
        _default = defaults;
        // The key carries the settings, so changing a webhook's limit starts a bucket of the new shape.
        _limiter = PartitionedRateLimiter.Create<BucketKey, BucketKey>(key => RateLimitPartition.GetTokenBucketLimiter(key, k =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = k.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / k.PerSecond),
                QueueLimit = waitersPerEndpoint,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = false,
            }));
    }

    /// <summary>Waits for the webhook's next token. Every attempt takes one: first sends, retries, replays.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(Webhook webhook, CancellationToken cancellationToken)
    {
        var settings = webhook.RateLimit ?? _default;
        return _limiter.AcquireAsync(new BucketKey(webhook.Id, settings.PerSecond, settings.Burst), 1, cancellationToken);
    }

    public void Dispose() => _limiter.Dispose();

    private readonly record struct BucketKey(string WebhookId, int PerSecond, int Burst);
}
