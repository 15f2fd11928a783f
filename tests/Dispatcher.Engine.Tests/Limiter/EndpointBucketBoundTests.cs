using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Limiter;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.Engine.Tests.Limiter;

/// <summary>
/// A webhook's bucket never lets more than burst + rate × T through in any window T: not after idling,
/// not when a partition comes back to its previous holder, not when its limit is changed.
/// </summary>
public sealed class EndpointBucketBoundTests
{
    private const int Rate = 10;
    private const int Burst = 5;
    private static readonly Webhook Hook = new("wh_bound", "ws_bound", new Uri("https://example.com/hook"), ["link.clicked"], "whsec_bound", DateTimeOffset.UnixEpoch);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(3)]  // idle, still tracked
    [InlineData(15)] // idle past the eviction limit: a new bucket
    public void An_idle_webhook_gets_its_burst_once_then_the_rate(int idleSeconds)
    {
        using var limiter = new EndpointRateLimiter(new RateLimitSettings(Rate, Burst), BucketDriver.Waiters, _clock);
        var sender = new BucketDriver(_clock);
        sender.Drive(limiter, Hook, TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(idleSeconds));

        sender.Drive(limiter, Hook, TimeSpan.FromSeconds(2));

        AssertBound(sender.Grants, Rate, Burst);
    }

    [Fact]
    public void A_partition_handed_back_to_its_previous_holder_gets_no_second_burst()
    {
        // Two instances, one endpoint: A sends, hands over to B, and takes the partition back.
        using var a = new EndpointRateLimiter(new RateLimitSettings(Rate, Burst), BucketDriver.Waiters, _clock);
        using var b = new EndpointRateLimiter(new RateLimitSettings(Rate, Burst), BucketDriver.Waiters, _clock);
        var endpoint = new BucketDriver(_clock);

        endpoint.Drive(a, Hook, TimeSpan.FromSeconds(2));
        b.Empty(Hook); // as PartitionPump does on a takeover
        endpoint.Drive(b, Hook, TimeSpan.FromSeconds(2));
        a.Empty(Hook);
        endpoint.Drive(a, Hook, TimeSpan.FromSeconds(2));

        AssertBound(endpoint.Grants, Rate, Burst);
    }

    [Fact]
    public void Changing_the_limit_reshapes_the_bucket_instead_of_starting_a_full_one()
    {
        using var limiter = new EndpointRateLimiter(new RateLimitSettings(Rate, Burst), BucketDriver.Waiters, _clock);
        var sender = new BucketDriver(_clock);
        sender.Drive(limiter, Hook, TimeSpan.FromSeconds(1));

        sender.Drive(limiter, Hook with { RateLimit = new RateLimitSettings(Rate + 2, Burst) }, TimeSpan.FromSeconds(2));

        // Judged by the larger of the two shapes: a fresh bucket at the change would still exceed it.
        AssertBound(sender.Grants, Rate + 2, Burst);
    }

    [Fact]
    public void The_sustained_rate_is_still_reached()
    {
        using var limiter = new EndpointRateLimiter(new RateLimitSettings(Rate, Burst), BucketDriver.Waiters, _clock);
        var sender = new BucketDriver(_clock);

        sender.Drive(limiter, Hook, TimeSpan.FromSeconds(10));

        // burst + rate × 10 s, less at most one token still accruing and one timer period of lateness.
        Assert.InRange(sender.Grants.Count, Burst + Rate * 10 - 2, Burst + Rate * 10);
    }

    private static void AssertBound(IReadOnlyCollection<DateTimeOffset> grants, int perSecond, int burst)
    {
        var (excess, window) = BucketDriver.WorstWindow(grants, perSecond, burst);
        Assert.True(excess <= 1e-9, $"more than burst + rate × T: {window}");
    }
}
