using Dispatcher.FunctionalTests.Infrastructure;
using Dispatcher.Redis.Leases;
using Dispatcher.Server.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>Only a partition's lease holder delivers for it; a graceful stop hands the leases on.</summary>
[Collection(RedisCollection.Name)]
public sealed class PartitionLeaseTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Partitions = 8;
    private static readonly Dictionary<string, string?> ShortLeases = new() { ["Dispatcher:Partitions:LeaseTtl"] = "00:00:03" };

    [Fact]
    public async Task An_instance_alone_holds_every_lease_and_a_second_delivers_only_after_the_first_stops()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await using var receiver = await TestReceiver.StartAsync();
        var first = await DispatcherTestServer.StartAsync(redis, output, ShortLeases, prefix: prefix);
        string firstId = first.Services.GetRequiredService<DeliveryService>().InstanceId;
        await first.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = first.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_lease_1"));
        await receiver.NextAsync();
        var leases = new LeaseStore(redis.Connection, new Dispatcher.Redis.RedisKeys(prefix));
        for (int p = 0; p < Partitions; p++)
        {
            Assert.Equal(firstId, await leases.HolderAsync(p));
        }

        await using var second = await DispatcherTestServer.StartAsync(redis, output, ShortLeases, prefix: prefix);
        string secondId = second.Services.GetRequiredService<DeliveryService>().InstanceId;
        // Ingest is accepted anywhere; the first instance, the holder, delivers it.
        await using (var toSecond = second.Publisher())
        {
            await toSecond.PublishAsync(TestEvents.Create("evt_lease_2"));
        }
        Assert.Contains("evt_lease_2", (await receiver.NextAsync()).BodyText);
        Assert.DoesNotContain(second.Logs.Entries, e => e.Id.Name == "DeliveryLogged");

        var stopWatch = System.Diagnostics.Stopwatch.StartNew();
        await first.DisposeAsync();
        output.WriteLine($"first stopped in {stopWatch.ElapsedMilliseconds} ms");
        for (int p = 0; p < Partitions; p++)
        {
            Assert.NotEqual(firstId, await leases.HolderAsync(p));
        }
        await using (var toSecond = second.Publisher())
        {
            await toSecond.PublishAsync(TestEvents.Create("evt_lease_3"));
        }
        // The second takes the released leases at its next renewal (every second with a 3 s TTL).
        Assert.Contains("evt_lease_3", (await receiver.NextAsync()).BodyText);
        Assert.Equal(secondId, await leases.HolderAsync(0));
        Assert.Equal(3, receiver.All.Count);
    }
}
