using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Limiter;

namespace Dispatcher.Engine.Tests.Limiter;

public sealed class EndpointRateLimiterTests
{
    private static readonly Webhook Hook = new("wh_rate", "ws_rate", new Uri("https://example.com/hook"), ["link.clicked"], "whsec_rate", DateTimeOffset.UtcNow);

    [Fact]
    public async Task An_emptied_bucket_grants_no_burst_only_the_sustained_rate()
    {
        // One token a second: none comes due in the microseconds between the calls.
        using var limiter = new EndpointRateLimiter(new RateLimitSettings(1, 5), 4);
        using (var first = await limiter.AcquireAsync(Hook, CancellationToken.None))
        {
            Assert.True(first.IsAcquired);
        }

        limiter.Empty(Hook);

        var next = limiter.AcquireAsync(Hook, CancellationToken.None);
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public void A_bucket_not_emptied_grants_its_burst_at_once()
    {
        using var limiter = new EndpointRateLimiter(new RateLimitSettings(1, 5), 4);

        var grants = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(Hook, CancellationToken.None)).ToList();

        Assert.All(grants, g => Assert.True(g.IsCompletedSuccessfully && g.Result.IsAcquired));
    }
}
