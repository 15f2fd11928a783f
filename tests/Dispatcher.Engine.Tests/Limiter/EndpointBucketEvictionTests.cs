using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Limiter;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.Engine.Tests.Limiter;

/// <summary>Buckets of webhooks no longer used are evicted; those of live webhooks stay.</summary>
public sealed class EndpointBucketEvictionTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Thousands_of_webhooks_used_once_fall_back_to_the_live_ones()
    {
        using var limiter = new EndpointRateLimiter(new RateLimitSettings(50, 10), 4, _clock, idleLimit: TimeSpan.FromSeconds(10));
        var live = Enumerable.Range(0, 3).Select(i => Hook($"wh_live_{i}")).ToArray();
        for (int i = 0; i < 5_000; i++)
        {
            using var lease = await limiter.AcquireAsync(Hook($"wh_once_{i}"), CancellationToken.None);
            Assert.True(lease.IsAcquired);
        }
        Assert.Equal(5_000, limiter.TrackedBuckets);

        // 30 s in 100 ms steps; the live webhooks send at every step, so their buckets are never full.
        for (int step = 0; step < 300; step++)
        {
            foreach (var hook in live)
            {
                using var lease = await limiter.AcquireAsync(hook, CancellationToken.None);
            }
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(live.Length, limiter.TrackedBuckets);
    }

    [Fact]
    public async Task A_bucket_short_of_tokens_is_kept_however_long_it_idles_until_it_is_full_again()
    {
        using var limiter = new EndpointRateLimiter(new RateLimitSettings(1, 100), 4, _clock, idleLimit: TimeSpan.FromSeconds(10));
        var hook = Hook("wh_slow");
        for (int i = 0; i < 100; i++)
        {
            using var lease = await limiter.AcquireAsync(hook, CancellationToken.None);
        }

        // 100 tokens at 1/s refill in 100 s; evicting earlier would hand the endpoint a fresh burst.
        _clock.Advance(TimeSpan.FromSeconds(105));
        Assert.Equal(1, limiter.TrackedBuckets);
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, limiter.TrackedBuckets);
    }

    private static Webhook Hook(string id) =>
        new(id, "ws_evict", new Uri("https://example.com/hook"), ["link.clicked"], "whsec_evict", DateTimeOffset.UnixEpoch);
}
