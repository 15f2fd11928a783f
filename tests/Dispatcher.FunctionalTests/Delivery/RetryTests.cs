using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>
/// Failed attempts are re-scored in Redis on the retry schedule, driven by a fake clock. Jitter may
/// lengthen each delay by up to 10%, so the clock moves a step's delay × 1.1 (+1 s).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RetryTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_failing_receiver_is_retried_at_each_step_until_it_answers_2xx()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) <= 2 ? 500 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_retry"));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("RetryScheduled", 1);
        clock.Advance(TimeSpan.FromSeconds(67));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("RetryScheduled", 2);
        clock.Advance(TimeSpan.FromSeconds(331));
        var third = await receiver.NextAsync();

        Assert.Contains("evt_retry", third.BodyText);
        Assert.Equal(3, receiver.All.Count);
        // Each attempt is signed at its own send time.
        var stamps = receiver.All.Select(r => long.Parse(r.Header("CD4CD-Signature")!.Split(',')[0][2..])).ToArray();
        Assert.True(stamps[1] - stamps[0] >= 60 && stamps[2] - stamps[1] >= 300, string.Join(",", stamps));
    }

    [Fact]
    public async Task After_the_last_step_the_delivery_fails_and_leaves_the_schedule()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Delivery:RetrySchedule:0"] = "30", ["Dispatcher:Delivery:RetrySchedule:1"] = "60" },
            clock);
        // snip.sa's doc is silent on retries, so the deployment's schedule applies.
        var webhook = await server.Api().CreateFormatWebhookAsync(receiver.Url(), "snip", "url.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_exhaust"));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("RetryScheduled", 1);
        clock.Advance(TimeSpan.FromSeconds(34));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("RetryScheduled", 2);
        clock.Advance(TimeSpan.FromSeconds(67));
        await receiver.NextAsync();
        string failed = await server.Logs.WaitForAsync("DeliveryFailed");

        // Two delays mean three attempts, then nothing is left to send.
        Assert.Contains("after 3 attempts", failed);
        Assert.Equal(3, receiver.All.Count);
        Assert.DoesNotContain(await redis.KeysAsync(server.Prefix), k => k.Contains(":q:" + webhook.Id));
    }
}
