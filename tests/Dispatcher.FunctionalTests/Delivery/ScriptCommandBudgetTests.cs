using Dispatcher.Core.Partitioning;
using Dispatcher.Redis;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>
/// What Redis runs per delivery, counted with its own <c>INFO commandstats</c>: inside a script every
/// <c>redis.call</c> is a command's work, so the scripts read a webhook's hold once and pass its value
/// on, and move a delivery log's expiry only when it has run down (a PTTL read instead of three
/// PEXPIRE writes per settle). The log still lives its retention after its last write. A new delivery
/// to a webhook the pump has claimed for before is written claimed by ingest and handed straight to
/// its sender: no pump round, no claim script, no second read of the event.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ScriptCommandBudgetTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Events = 40;

    [Fact]
    public async Task A_delivery_costs_Redis_a_bounded_number_of_commands_and_its_log_expiry_is_moved_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        string webhook = (await server.Api().CreateWebhookAsync(receiver.Url("/hook"), "link.clicked")).Id;
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_first"));
        await server.Logs.WaitForAsync("AttemptSettled", 1);

        await redis.Db.ExecuteAsync("CONFIG", "RESETSTAT");
        for (int i = 0; i < Events; i++)
        {
            await publisher.PublishAsync(TestEvents.Create($"evt_budget_{i}"));
            await server.Logs.WaitForAsync("AttemptSettled", 2 + i);
        }
        var stats = await CommandStats.ReadAsync(redis.Db);
        output.WriteLine(string.Join(", ", stats.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}")));

        Assert.Equal(1 + Events, receiver.All.Count);
        // Each event went alone through enqueue and settle: the counts are per delivery.
        long inside = stats.Where(s => s.Key is not ("evalsha" or "eval")).Sum(s => s.Value);
        double perDelivery = (double)inside / Events;
        // 48.9 before the scripts read a hold once and moved the log's expiry only when run down; 41.8
        // after; 27.7 once ingest wrote them claimed (no claim script, no pump round).
        Assert.True(perDelivery <= 30, $"{perDelivery:0.0} Redis commands per delivery");
        // No pump went round for them: it neither read the ready index nor claimed (both ZRANGEBYSCORE).
        Assert.Equal(0, stats.GetValueOrDefault("zrangebyscore"));
        // The log was written already (the first event): none of these settles moves its expiry again.
        Assert.Equal(0, stats.GetValueOrDefault("pexpire"));
        // A hold is read once per script that needs it: 4 GETs per delivery here, 6 while a claim read it
        // too (more than once per delivery at this trickle), 8 when each step read it again.
        Assert.True(stats.GetValueOrDefault("get") <= 4 * Events, $"{stats.GetValueOrDefault("get")} GETs for {Events} deliveries");

        // The log's three keys still expire a retention after the last write, give or take a 720th of it.
        var keys = server.Services.GetRequiredService<RedisKeys>();
        int partition = server.Services.GetRequiredService<PartitionMap>().PartitionOf(webhook);
        var retention = TimeSpan.FromDays(30);
        foreach (var key in keys.DeliveryLogKeys(partition, webhook))
        {
            var left = await redis.Db.KeyTimeToLiveAsync(key);
            Assert.True(left is { } l && l <= retention && l > retention - retention / 720, $"{key}: {left}");
        }
    }
}
