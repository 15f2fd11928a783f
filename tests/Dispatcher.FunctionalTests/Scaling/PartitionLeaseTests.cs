using Dispatcher.Engine.Leases;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>Instances split the partitions by membership; only a partition's lease holder delivers for it.</summary>
[Collection(RedisCollection.Name)]
public sealed class PartitionLeaseTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Partitions = 8;
    private static readonly Dictionary<string, string?> ShortLeases = new() { ["Dispatcher:Partitions:LeaseTtl"] = "00:00:03" };

    [Fact]
    public async Task An_instance_alone_holds_every_lease_a_second_takes_half_and_a_graceful_stop_hands_them_all_over()
    {
        string prefix = RedisServerFixture.NewPrefix();
        var shares = new LeaseShares(redis.Connection, prefix, Partitions);
        await using var receiver = await TestReceiver.StartAsync();
        var first = await DispatcherTestServer.StartAsync(redis, output, ShortLeases, prefix: prefix);
        string firstId = first.Services.GetRequiredService<PartitionLeaseSupervisor>().InstanceId;
        var webhook = await first.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using (var publisher = first.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_lease_1"));
        }
        await receiver.NextAsync();
        Assert.All(await shares.HoldersAsync(), h => Assert.Equal(firstId, h));

        await using var second = await DispatcherTestServer.StartAsync(redis, output, ShortLeases, prefix: prefix);
        string secondId = second.Services.GetRequiredService<PartitionLeaseSupervisor>().InstanceId;
        var holders = await shares.WaitForFairShareAsync([firstId, secondId], TimeSpan.FromSeconds(20));
        Assert.Equal(Partitions / 2, holders.Count(h => h == secondId));
        // Ingest is accepted anywhere; whichever holds the webhook's partition delivers it.
        var holder = holders[first.PartitionOf(webhook.Id)] == firstId ? first : second;
        var other = holder == first ? second : first;
        int holderLogged = Logged(holder), otherLogged = Logged(other);
        await using (var toSecond = second.Publisher())
        {
            await toSecond.PublishAsync(TestEvents.Create("evt_lease_2"));
        }
        Assert.Contains("evt_lease_2", (await receiver.NextAsync()).BodyText);
        await holder.Logs.WaitForAsync("AttemptSettled", holderLogged + 1);
        Assert.Equal(otherLogged, Logged(other));

        await first.DisposeAsync();
        Assert.DoesNotContain(firstId, await shares.HoldersAsync());
        // The second sees the first leave at its next heartbeat and takes the released leases at once.
        await shares.WaitForFairShareAsync([secondId], TimeSpan.FromSeconds(20));
        await using (var toSecond = second.Publisher())
        {
            await toSecond.PublishAsync(TestEvents.Create("evt_lease_3"));
        }
        Assert.Contains("evt_lease_3", (await receiver.NextAsync()).BodyText);
        Assert.Equal(3, receiver.All.Count);
    }

    [Fact]
    public async Task An_instance_whose_fair_share_is_empty_is_still_ready()
    {
        var onePartition = new Dictionary<string, string?>(ShortLeases) { ["Dispatcher:Partitions:Count"] = "1" };
        string prefix = RedisServerFixture.NewPrefix();
        await using var first = await DispatcherTestServer.StartAsync(redis, output, onePartition, prefix: prefix);
        await first.Logs.WaitForAsync("PartitionsHeld");
        await using var second = await DispatcherTestServer.StartAsync(redis, output, onePartition, prefix: prefix);
        await second.Logs.WaitForAsync("PartitionShareChanged");

        // Its lease loop works (Redis answers its heartbeats) though it renews no lease at all.
        using var http = new HttpClient { BaseAddress = second.Http };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while ((await http.GetAsync("/readyz", timeout.Token)).StatusCode != System.Net.HttpStatusCode.OK)
        {
            await Task.Delay(50, timeout.Token);
        }
        Assert.DoesNotContain(second.Logs.Entries, e => e.Id.Name is "PartitionAcquired" or "PartitionTakenOver");
    }

    private static int Logged(DispatcherTestServer server) => server.Logs.Entries.Count(e => e.Id.Name == "AttemptSettled");
}
