using System.Collections.Concurrent;
using System.Net;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Health;

/// <summary>
/// kill -9 of Redis (AOF always) while a producer publishes without pause and deliveries flow: the
/// producer resumes by itself, every acknowledged event is delivered, /readyz comes back to 200.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisKilledUnderLoadTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Producers = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_producer_keeps_publishing_through_a_redis_kill_and_nothing_acknowledged_is_lost()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            // Deliveries keep pace with the producer, so the kill lands while both flow.
            ["Dispatcher:Delivery:RatePerSecond"] = "2000",
            ["Dispatcher:Delivery:Burst"] = "100",
            // Short claims, so a claim whose answer the kill cut off comes back within seconds rather
            // than the default minute: 3 s × (16 / 4 + 1) + 1 s = 16 s (WebhookRules.ClaimTimeoutOf).
            ["Dispatcher:Delivery:RequestTimeout"] = "00:00:03",
            ["Dispatcher:Delivery:ClaimTimeout"] = "00:00:16",
        });
        // Standard Webhooks: the event id travels in the webhook-id header.
        await server.Api().CreateFormatWebhookAsync(receiver.Url(), "standard-webhooks", "link.clicked");
        using var http = new HttpClient { BaseAddress = server.Http };
        await using var publisher = server.Publisher();
        var acked = new ConcurrentQueue<string>();
        using var ack = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                string id = $"evt_flow_{p}_{i}";
                // No retry here: resuming after the outage is the SDK's job.
                if ((await publisher.PublishAsync(TestEvents.Create(id))).Status == PublishStatus.Accepted)
                {
                    acked.Enqueue(id);
                    ack.Release();
                }
            }
        })).ToArray();

        await AcksAsync(ack, 200, "200 acknowledgements before the kill");
        Assert.NotEmpty(receiver.All);
        // Redis is killed on purpose: the server says so once, and the health checks (polled by /readyz and the
        // gRPC health publisher) report Redis, and the lease loop past its TTL, Unhealthy at Error until it is back.
        server.ExpectErrors(ServerErrors.RedisConnectionLost);
        server.ExpectErrors(ServerErrors.Unhealthy("redis"));
        server.ExpectErrors(ServerErrors.Unhealthy("leases"));
        redis.StopProcess();
        try
        {
            await server.Logs.WaitForAsync("RedisConnectionLost", timeout: Timeout);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        }
        finally
        {
            await redis.StartProcessAsync();
        }
        int beforeRestart = acked.Count;

        await AcksAsync(ack, 200, "200 more acknowledgements after Redis came back, with no help from the test");
        await stop.CancelAsync();
        await Task.WhenAll(producers).WaitAsync(Timeout);
        await server.Logs.WaitForAsync("RedisConnectionRestored", timeout: Timeout);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        var expected = acked.ToHashSet();
        var delivered = new HashSet<string>(receiver.All.Select(EventId));
        // A claim whose answer the kill cut off is held in Redis until its deadline (16 s here) and
        // only then sent: the drain waits that long, plus a margin for a loaded machine.
        var drainBy = DateTimeOffset.UtcNow + DrainWait;
        while (!expected.IsSubsetOf(delivered))
        {
            var left = drainBy - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var missing = expected.Except(delivered).ToList();
                throw new TimeoutException(
                    $"{missing.Count} acknowledged event(s) not delivered within {DrainWait}: {string.Join(", ", missing.Take(10))}");
            }
            try
            {
                delivered.Add(EventId(await receiver.NextAsync(left)));
            }
            catch (TimeoutException)
            {
                // Reported with the missing ids on the next turn.
            }
        }
        output.WriteLine($"{expected.Count} acknowledged ({beforeRestart} before the kill), all delivered; {receiver.All.Count} requests");
    }

    private static async Task AcksAsync(SemaphoreSlim ack, int count, string expected)
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            for (int i = 0; i < count; i++)
            {
                await ack.WaitAsync(cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"within {Timeout}: expected {expected}");
        }
    }

    private static string EventId(ReceivedRequest request) => request.Header("webhook-id")!;
}
