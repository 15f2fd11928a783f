using Dispatcher.Engine.Holds;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>The engine's memory follows the webhooks in use, not every webhook it ever delivered to.</summary>
[Collection(RedisCollection.Name)]
public sealed class IdleEvictionTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int UsedOnce = 2000;
    private const int Gone = 10;

    [Fact]
    public async Task Thousands_of_webhooks_used_once_then_idle_leave_only_what_live_webhooks_need()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        // A few answer 410: each leaves a disable in the engine's holds as well.
        receiver.Respond = (request, _) => Task.FromResult(request.Path.StartsWith("/gone/", StringComparison.Ordinal) ? 410 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            // One pump: its sweep and the live webhook's claim are ordered (see below).
            ["Dispatcher:Partitions:Count"] = "1",
            ["Dispatcher:Limits:WebhooksPerWorkspace"] = "5000",
            ["Dispatcher:Delivery:EndpointIdleTimeout"] = "00:01:00",
        }, time: clock);
        var api = server.Api();
        // Eight requests at a time: their order does not matter, and one after another the 2,000 round
        // trips (each an fsync'd Redis write) took most of the test's time.
        await Parallel.ForEachAsync(Enumerable.Range(0, UsedOnce), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await api.CreateWebhookAsync(receiver.Url(i < Gone ? $"/gone/{i}" : $"/hook/{i}"), "link.clicked"));
        var live = await api.CreateWebhookAsync(receiver.Url("/live"), "link.created");
        await using var publisher = server.Publisher();
        var entries = server.Services.GetRequiredService<DeliveryEngineEntries>();
        var holds = server.Services.GetRequiredService<EndpointHolds>();

        await publisher.PublishAsync(TestEvents.Create("evt_once"));
        await server.Logs.WaitForAsync("AttemptSettled", UsedOnce, TimeSpan.FromSeconds(50));
        output.WriteLine($"after one delivery each: {entries.Workers} workers, {entries.ClaimTimeouts} claim timeouts, {holds.Count} holds");
        Assert.Equal(UsedOnce, entries.Workers);
        Assert.Equal(Gone, holds.Count);

        // Past the idle timeout, and past the longest claim a disable must outlive (the slowest format's).
        clock.Advance(TimeSpan.FromMinutes(5));
        // A round of the pump that starts on the advanced clock sweeps before it claims, so once the
        // live webhook's delivery arrives (its first: through the pump) the idle entries have had their sweep.
        await publisher.PublishAsync(TestEvents.Create("evt_live", type: "link.created"));
        while ((await receiver.NextAsync(TimeSpan.FromSeconds(30))).Path != "/live")
        {
            // Earlier arrivals, already counted.
        }
        await server.Logs.WaitForAsync("AttemptSettled", UsedOnce + 1);
        // A sender stamps its worker's last activity just after its attempt's log line, so a worker
        // stamped after the clock moved above is not idle yet at that sweep (seen in the full suite:
        // 2 workers). The next round, on a clock moved as far again, sweeps it.
        clock.Advance(TimeSpan.FromMinutes(5));
        await publisher.PublishAsync(TestEvents.Create("evt_live_again", type: "link.created"));
        while ((await receiver.NextAsync(TimeSpan.FromSeconds(30))).Path != "/live")
        {
            // Only the live webhook is subscribed to link.created; nothing else is still to arrive.
        }
        await server.Logs.WaitForAsync("AttemptSettled", UsedOnce + 2);
        // That delivery may have gone to the live webhook's worker straight from ingest (a direct claim),
        // with no pump round; the sweep then comes with the round the clock's move woke.
        await Conditions.WaitUntilAsync(() => entries.Workers == 1 && entries.ClaimTimeouts == 1 && holds.Count == 0,
            "the idle webhooks' workers, claim timeouts and holds to be swept");

        output.WriteLine($"after the idle timeout: {entries.Workers} workers, {entries.ClaimTimeouts} claim timeouts, {holds.Count} holds (live webhook {live.Id})");
    }
}
