using System.Threading.RateLimiting;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// One token bucket per webhook: <c>RatePerSecond</c> sustained, <c>Burst</c> on top. The
/// partitioned limiter refills every bucket from one shared timer, in proportion to the time
/// elapsed (capped at the bucket's size), rather than a timer per endpoint.
/// </summary>
public sealed class EndpointRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public EndpointRateLimiter(IOptions<DispatcherOptions> options)
    {
        var delivery = options.Value.Delivery;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = delivery.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / delivery.RatePerSecond),
            // Every sender of the endpoint may wait for a token; none beyond that exist.
            QueueLimit = delivery.ConcurrencyPerEndpoint,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = false,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(
            webhookId => RateLimitPartition.GetTokenBucketLimiter(webhookId, _ => bucket));
    }

    /// <summary>Waits for the webhook's next token. Every attempt takes one: first sends, retries, replays.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string webhookId, CancellationToken cancellationToken) =>
        _limiter.AcquireAsync(webhookId, 1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
