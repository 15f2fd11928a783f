using System.Collections.Concurrent;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>
/// A backlog is claimed and settled in batches: a pump claims the due deliveries of all its
/// partition's webhooks in one script call, outcomes settle (with their log entries) many to a
/// call, and the webhook records come from a cache kept by workspace version instead of an HGETALL
/// per claim; inside the scripts each webhook's keys are read and written once per call, not once
/// per delivery. Counted with Redis's own <c>INFO commandstats</c> over the drain of a held backlog.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class BatchedScriptCallsTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Webhooks = 20;
    private const int QueuedEvents = 8;

    [Fact]
    public async Task A_backlog_drains_with_fewer_script_calls_than_deliveries_and_no_webhook_read_per_claim()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        // Each endpoint's first request is answered 429 + Retry-After: its webhook is paused (on the
        // fake clock) while the backlog queues behind it.
        var seen = new ConcurrentDictionary<string, byte>();
        receiver.Respond = (request, _) => Task.FromResult(seen.TryAdd(request.Path, 0) ? 429 : 200);
        receiver.Headers = _ => new Dictionary<string, string> { ["Retry-After"] = "60" };
        // One partition: every webhook's work is one pump's, so a claim or settle batch can span them all.
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Partitions:Count"] = "1" }, clock);
        var api = server.Api();
        for (int i = 0; i < Webhooks; i++)
        {
            await api.CreateWebhookAsync(receiver.Url($"/hook/{i}"), "link.clicked");
        }
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_pauses"));
        await server.Logs.WaitForAsync("WebhookPaused", Webhooks);
        for (int e = 0; e < QueuedEvents; e++)
        {
            await publisher.PublishAsync(TestEvents.Create($"evt_queued_{e}"));
        }
        Assert.Equal(Webhooks, receiver.All.Count);

        await redis.Db.ExecuteAsync("CONFIG", "RESETSTAT");
        clock.Advance(TimeSpan.FromSeconds(61));
        int deliveries = Webhooks * (1 + QueuedEvents);
        await server.Logs.WaitForAsync("AttemptSettled", Webhooks + deliveries);
        var stats = await CommandStats.ReadAsync(redis.Db);

        output.WriteLine($"{deliveries} deliveries: " + string.Join(", ", stats.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}")));
        long inside = stats.Where(s => s.Key is not ("evalsha" or "eval")).Sum(s => s.Value);
        output.WriteLine($"{(double)inside / deliveries:0.0} commands per delivery");
        Assert.Equal(Webhooks + deliveries, receiver.All.Count);
        // One claim per webhook, one settle and one log append per delivery would be over 2 calls a delivery.
        long scripts = stats.GetValueOrDefault("evalsha") + stats.GetValueOrDefault("eval");
        Assert.True(scripts < deliveries, $"{scripts} script calls for {deliveries} deliveries");
        // Inside the scripts, a webhook's records, log and counters are read and written once per call
        // for all its deliveries: 16 commands a delivery when each delivery had its own, about 9 now.
        Assert.True((double)inside / deliveries <= 11, $"{(double)inside / deliveries:0.0} Redis commands per delivery");
        // The webhooks were read before the pause; nothing changed them since, so no claim reads one again.
        Assert.True(stats.GetValueOrDefault("hgetall") < Webhooks / 4, $"{stats.GetValueOrDefault("hgetall")} HGETALLs for {Webhooks} webhooks");
    }
}
