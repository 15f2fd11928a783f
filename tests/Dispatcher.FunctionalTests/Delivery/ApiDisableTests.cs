using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>A disable through the API stops what the holder had already claimed, not only later claims.</summary>
[Collection(RedisCollection.Name)]
public sealed class ApiDisableTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Deliveries_already_in_the_channel_when_the_API_disables_are_handed_back_unsent()
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Interlocked.Increment(ref calls) == 1 ? gate.Task : Task.FromResult(200);
        // One sender: the second and third deliveries wait, claimed, in the channel behind the first.
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?>
            {
                ["Dispatcher:Delivery:ConcurrencyPerEndpoint"] = "1",
                ["Dispatcher:Delivery:EndpointQueueCapacity"] = "4",
            });
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_before_disable_1"));
        await receiver.NextAsync();
        await publisher.PublishAsync(TestEvents.Create("evt_before_disable_2"));
        await publisher.PublishAsync(TestEvents.Create("evt_before_disable_3"));
        await server.WaitForClaimsAsync(3);

        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable")).Status);
        gate.SetResult(200);

        // Both queued deliveries go back to Redis unsent (they were sent before the lifecycle owned the API's disable).
        await server.Logs.WaitForAsync("HeldDeliveryHandedBack", 2);
        Assert.Single(receiver.All);
        Assert.Equal(2, await redis.Db.HashLengthAsync(server.PartitionKey(webhook.Id, "qr")));
    }
}
