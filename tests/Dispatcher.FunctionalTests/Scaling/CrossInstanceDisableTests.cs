using System.Net;
using Dispatcher.Engine.Holds;
using Dispatcher.Engine.Leases;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>
/// A disable through an instance that does not hold the webhook's partition reaches the holder
/// (HoldRelay, on the wake-up channel), which hands back what it had already claimed instead of sending it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class CrossInstanceDisableTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Deliveries_the_holder_claimed_before_a_disable_through_the_other_instance_are_handed_back_unsent()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dispatcher:Partitions:LeaseTtl"] = "00:00:03",
            // One sender: the second and third deliveries wait, claimed, in the holder's channel behind the first.
            ["Dispatcher:Delivery:ConcurrencyPerEndpoint"] = "1",
            ["Dispatcher:Delivery:EndpointQueueCapacity"] = "4",
        };
        string prefix = RedisServerFixture.NewPrefix();
        var shares = new LeaseShares(redis.Connection, prefix);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Interlocked.Increment(ref calls) == 1 ? gate.Task : Task.FromResult(200);
        await using var a = await DispatcherTestServer.StartAsync(redis, output, settings, prefix: prefix);
        await using var b = await DispatcherTestServer.StartAsync(redis, output, settings, prefix: prefix);
        try
        {
            string aId = a.Services.GetRequiredService<PartitionLeaseSupervisor>().InstanceId;
            string bId = b.Services.GetRequiredService<PartitionLeaseSupervisor>().InstanceId;
            var holders = await shares.WaitForFairShareAsync([aId, bId], TimeSpan.FromSeconds(20));
            var webhook = await a.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
            int partition = a.PartitionOf(webhook.Id);
            var holder = holders[partition] == aId ? a : b;
            var other = holder == a ? b : a;
            // Redis's view and the instances' own agree: only the holder delivers the webhook's partition.
            await Conditions.WaitUntilAsync(() => holder.Services.GetRequiredService<LeaseTelemetry>().HeldPartitions().Contains(partition),
                $"the holder to see itself holding partition {partition}");
            Assert.DoesNotContain(partition, other.Services.GetRequiredService<LeaseTelemetry>().HeldPartitions());
            var holderHolds = holder.Services.GetRequiredService<EndpointHolds>();
            Assert.Equal(0, holderHolds.Count);

            await using (var publisher = holder.Publisher())
            {
                await publisher.PublishAsync(TestEvents.Create("evt_cross_disable_1"));
                await receiver.NextAsync();
                await publisher.PublishAsync(TestEvents.Create("evt_cross_disable_2"));
                await publisher.PublishAsync(TestEvents.Create("evt_cross_disable_3"));
            }
            await holder.WaitForClaimsAsync(3);

            // Through the instance that does not hold the partition: its own holds are updated directly,
            // the holder's only by the relay.
            Assert.Equal(HttpStatusCode.OK, (await other.Api().SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable")).Status);
            // Before the gate opens, or the holder could send the second delivery before the relay's message arrives.
            await Conditions.WaitUntilAsync(() => holderHolds.Count == 1, "the holder to learn of the disable made through the other instance (HoldRelay)");
            gate.SetResult(200);

            await holder.Logs.WaitForAsync("HeldDeliveryHandedBack", 2);
            Assert.Single(receiver.All);
            Assert.Equal(2, await redis.Db.HashLengthAsync(holder.PartitionKey(webhook.Id, "qr")));
            Assert.DoesNotContain(other.Logs.Entries, e => e.Id.Name is "DeliveriesClaimed" or "HeldDeliveryHandedBack");
        }
        finally
        {
            // On a failure, too: the first delivery would otherwise hold both servers' stop until it times out.
            gate.TrySetResult(200);
        }
    }
}
