using System.Net;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Holds;
using Dispatcher.Redis.Schedule;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>A webhook enabled again right after a 410 stays enabled, whatever was in flight or racing.</summary>
[Collection(RedisCollection.Name)]
public sealed class ReenableTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Deliveries_claimed_before_a_410_and_handled_after_an_enable_are_released_not_disabled_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Interlocked.Increment(ref calls) == 1 ? gate.Task : Task.FromResult(200);
        // One sender: the second and third deliveries wait in the channel behind the first.
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?>
            {
                ["Dispatcher:Delivery:ConcurrencyPerEndpoint"] = "1",
                ["Dispatcher:Delivery:EndpointQueueCapacity"] = "4",
            }, time: clock);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_inflight_1"));
        await receiver.NextAsync();
        await publisher.PublishAsync(TestEvents.Create("evt_inflight_2"));
        await publisher.PublishAsync(TestEvents.Create("evt_inflight_3"));
        await server.WaitForClaimsAsync(3);

        // What a 410 answered on this instance leaves in memory (the in-flight deliveries were claimed
        // before it); then the customer disables and enables the webhook again through the API.
        server.Services.GetRequiredService<EndpointHolds>().Disable(webhook.Id);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/enable")).Status);
        gate.SetResult(200);

        // The two deliveries behind the first are handed back and, the webhook being enabled, sent.
        await receiver.NextAsync();
        await receiver.NextAsync();
        var (_, after) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal("enabled", after.GetProperty("status").GetString());
        Assert.False(await redis.Db.KeyExistsAsync(server.PartitionKey(webhook.Id, "hold")), "the webhook is enabled but its schedule is held");
    }

    [Fact]
    public async Task A_disable_whose_hold_lands_after_a_later_enable_does_not_undo_the_enable()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        var store = server.Services.GetRequiredService<WebhookStore>();
        var schedule = server.Services.GetRequiredService<ScheduleStore>();

        // A 410's two writes (status, then the schedule's hold) with the customer's enable between them.
        long sequence = await store.SetStatusAsync(DispatcherTestServer.Workspace, webhook.Id, WebhookStatus.Disabled, "the endpoint answered 410 Gone");
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/enable")).Status);
        await schedule.DisableAsync(server.PartitionOf(webhook.Id), webhook.Id, sequence);

        var (_, after) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal("enabled", after.GetProperty("status").GetString());
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_after_enable"));
        Assert.Contains("evt_after_enable", (await receiver.NextAsync()).BodyText);
    }
}
