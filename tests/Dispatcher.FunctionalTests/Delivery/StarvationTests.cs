using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>Blocked webhooks in a partition (a hosting provider's outage) never hide a healthy one there.</summary>
[Collection(TimedCollection.Name)]
public sealed class StarvationTests(RedisServerFixture redis, ITestOutputHelper output)
{
    /// <summary>More than any constant of the pump: 256 webhooks read per round, 16 claimed per webhook.</summary>
    private const int Blocked = 300;

    [Fact]
    public async Task A_healthy_webhook_is_served_while_more_webhooks_than_the_pump_reads_per_round_are_blocked_in_its_partition()
    {
        // The fake clock never reaches the request timeout: the hanging endpoints stay blocked.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hanging = await TestReceiver.StartAsync();
        hanging.Respond = (_, _) => release.Task;
        await using var healthy = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            // One partition holds them all; one slot each, so a single hanging send fills a channel.
            ["Dispatcher:Partitions:Count"] = "1",
            ["Dispatcher:Limits:WebhooksPerWorkspace"] = "1000",
            ["Dispatcher:Delivery:EndpointQueueCapacity"] = "1",
            ["Dispatcher:Delivery:ConcurrencyPerEndpoint"] = "1",
        }, time: clock);
        try
        {
            var api = server.Api();
            for (int i = 0; i < Blocked; i++)
            {
                await api.CreateWebhookAsync(hanging.Url($"/hook/{i}"), "link.clicked");
            }
            var served = await api.CreateWebhookAsync(healthy.Url(), "link.created");
            await using var publisher = server.Publisher();

            // The first event fills every blocked channel; the second waits behind it, due and unclaimable.
            await publisher.PublishAsync(TestEvents.Create("evt_block_1"));
            for (int i = 0; i < Blocked; i++)
            {
                await hanging.NextAsync(TimeSpan.FromSeconds(30));
            }
            await publisher.PublishAsync(TestEvents.Create("evt_block_2"));
            // Later than all of the blocked work, as the healthy webhook's event would be in an outage.
            clock.Advance(TimeSpan.FromSeconds(1));
            await publisher.PublishAsync(TestEvents.Create("evt_healthy", type: "link.created"));

            var request = await healthy.NextAsync(TimeSpan.FromSeconds(15));
            Assert.Contains("evt_healthy", request.BodyText);
            output.WriteLine($"healthy webhook {served.Id} served; {hanging.All.Count} requests hanging");
        }
        finally
        {
            // Let the hanging sends finish so the server stops at once.
            release.TrySetResult(200);
        }
    }

    [Fact]
    public async Task A_webhook_left_parked_by_a_holder_that_died_is_put_back_when_a_pump_starts_on_its_partition()
    {
        await using var receiver = await TestReceiver.StartAsync();
        string prefix = RedisServerFixture.NewPrefix();
        CreatedWebhook webhook;
        int partition;
        await using (var first = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix))
        {
            webhook = await first.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
            partition = first.PartitionOf(webhook.Id);
        }

        // What a holder that died with the webhook's channel full leaves: due work, the webhook in the
        // partition's parked set and not in its ready index.
        string body = $"{prefix}:{{p:{partition}}}:ev:{DispatcherTestServer.Workspace}:evt_parked";
        await redis.Db.HashSetAsync(body,
        [
            new("id", "evt_parked"), new("ws", DispatcherTestServer.Workspace), new("type", "link.clicked"),
            new("created", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), new("data", TestEvents.ClickData),
        ]);
        await redis.Db.KeyExpireAsync(body, TimeSpan.FromHours(1));
        await redis.Db.SortedSetAddAsync($"{prefix}:{{p:{partition}}}:q:{webhook.Id}", "dlv_parked", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await redis.Db.HashSetAsync($"{prefix}:{{p:{partition}}}:qr:{webhook.Id}", "dlv_parked", "0 - " + body);
        await redis.Db.SetAddAsync($"{prefix}:{{p:{partition}}}:parked", webhook.Id);

        await using var second = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        Assert.Contains("evt_parked", (await receiver.NextAsync()).BodyText);
        Assert.False(await redis.Db.SetContainsAsync($"{prefix}:{{p:{partition}}}:parked", webhook.Id), "the webhook is still parked");
    }
}
