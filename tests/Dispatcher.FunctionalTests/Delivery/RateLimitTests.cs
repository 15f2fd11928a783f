using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>
/// The cap, measured at real receivers on the real clock (the BCL token bucket reads one).
/// Tolerance: arrivals may bunch by network and scheduling jitter (on a loaded 2-core machine, up to
/// a tick of the shared refill timer and a scheduler slice), so each window of T seconds is allowed
/// burst + rate × (T + 100 ms) deliveries. Without the limiter every event arrives within a second.
/// </summary>
[Collection(TimedCollection.Name)]
public sealed class RateLimitTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Rate = 50;
    private const int Burst = 10;
    private static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task An_overloaded_webhook_stays_within_its_bound_and_sustains_at_least_90_percent_of_its_rate()
    {
        const int events = 250; // 5× what the webhook may take in its first second
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        using var stalls = new SchedulingStalls();

        await PublishAsync(publisher, "rate", events);
        var arrivals = await ReceiveAsync(receiver, events);

        AssertWithinBound(arrivals, Rate, Burst);
        AssertSustains(arrivals, Rate, Burst, stalls);
    }

    [Fact]
    public async Task A_webhook_set_to_its_own_rate_is_held_to_it()
    {
        const int perSecond = 10, burst = 2, events = 40;
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var (_, created) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            events = new[] { "link.clicked" },
            rateLimit = new { perSecond, burst },
        });
        Assert.Equal(perSecond, created.GetProperty("rateLimit").GetProperty("perSecond").GetInt32());
        await using var publisher = server.Publisher();
        using var stalls = new SchedulingStalls();

        await PublishAsync(publisher, "own_rate", events);
        var arrivals = await ReceiveAsync(receiver, events);

        AssertWithinBound(arrivals, perSecond, burst);
        AssertSustains(arrivals, perSecond, burst, stalls);
    }

    [Fact]
    public async Task A_hanging_endpoint_does_not_slow_another_in_the_same_partition()
    {
        const int events = 150;
        await using var hanging = await TestReceiver.StartAsync();
        var release = new TaskCompletionSource();
        hanging.Respond = async (_, aborted) =>
        {
            await release.Task.WaitAsync(aborted);
            return 200;
        };
        await using var healthy = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Partitions:Count"] = "1",
            ["Dispatcher:Delivery:RequestTimeout"] = "00:00:05",
        });
        var api = server.Api();
        await api.CreateWebhookAsync(hanging.Url(), "link.clicked");
        await api.CreateWebhookAsync(healthy.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        using var stalls = new SchedulingStalls();

        try
        {
            await PublishAsync(publisher, "hang", events);
            var arrivals = await ReceiveAsync(healthy, events);

            // This test is about isolation, not the exact rate (the first test holds that to 90%):
            // a partition blocked by the hanging endpoint would deliver a few events per 5 s timeout,
            // under 10% of the rate. Its two webhooks share one partition on a 2-core machine, so a
            // stall of the loaded machine may cost it more than the single-webhook test (CI once
            // measured 41/s here): it must keep three quarters of the rate.
            AssertSustains(arrivals, Rate, Burst, stalls, minimumShare: 0.75);
            // The hanging endpoint holds at most its own senders.
            Assert.InRange(hanging.All.Count, 1, 4);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    private static async Task PublishAsync(DispatcherPublisher publisher, string prefix, int count)
    {
        var acks = await Task.WhenAll(Enumerable.Range(0, count).Select(i => publisher.PublishAsync(TestEvents.Create($"evt_{prefix}_{i}"))));
        Assert.All(acks, a => Assert.Equal(PublishStatus.Accepted, a.Status));
    }

    private static async Task<DateTimeOffset[]> ReceiveAsync(TestReceiver receiver, int count)
    {
        var arrivals = new DateTimeOffset[count];
        for (int i = 0; i < count; i++)
        {
            arrivals[i] = (await receiver.NextAsync(TimeSpan.FromSeconds(20))).ReceivedAt;
        }
        Array.Sort(arrivals);
        return arrivals;
    }

    private void AssertWithinBound(DateTimeOffset[] arrivals, int rate, int burst)
    {
        foreach (double seconds in new[] { 0.1, 0.25, 0.5, 1, 2, 4 })
        {
            var window = TimeSpan.FromSeconds(seconds);
            int most = 0;
            for (int start = 0, end = 0; start < arrivals.Length; start++)
            {
                while (end < arrivals.Length && arrivals[end] - arrivals[start] < window)
                {
                    end++;
                }
                most = Math.Max(most, end - start);
            }
            double bound = burst + rate * (window + Jitter).TotalSeconds;
            output.WriteLine($"window {seconds} s: at most {most} deliveries (bound {bound:0.#})");
            Assert.True(most <= bound, $"{most} deliveries within {seconds} s; the bound is {bound:0.#}");
        }
    }

    private void AssertSustains(DateTimeOffset[] arrivals, int expectedRate, int burst, SchedulingStalls stalls, double minimumShare = 0.9)
    {
        // After the burst is spent, the rest arrive at the sustained rate. Measured from the end of
        // the burst, so the time the producer's later batches take to be ingested is not counted,
        // nor time in which this process could not run at all (a bucket earns nothing past its burst then).
        var stalled = stalls.Within(arrivals[burst], arrivals[^1]);
        double seconds = (arrivals[^1] - arrivals[burst] - stalled).TotalSeconds;
        double rate = (arrivals.Length - 1 - burst) / seconds;
        output.WriteLine($"sustained {rate:0.#}/s over {seconds:0.##} s ({stalled.TotalMilliseconds:0} ms of process stalls left out)");
        Assert.True(rate >= minimumShare * expectedRate, $"sustained only {rate:0.#}/s");
    }
}
