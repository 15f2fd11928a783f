using Dispatcher.Engine.Leases;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>Work ingested by an instance that does not hold the partition wakes the holder's pump through Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class CrossInstanceWakeupTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task An_event_published_through_the_non_holder_is_delivered_by_the_holder_without_waiting_for_its_idle_poll()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dispatcher:Partitions:LeaseTtl"] = "00:00:03",
            // Long, and on a clock that never moves: only a wake-up can make the holder look again.
            ["Dispatcher:Delivery:IdlePoll"] = "00:00:30",
        };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        string prefix = RedisServerFixture.NewPrefix();
        var shares = new LeaseShares(redis.Connection, prefix);
        await using var receiver = await TestReceiver.StartAsync();
        await using var a = await DispatcherTestServer.StartAsync(redis, output, settings, clock, prefix);
        await using var b = await DispatcherTestServer.StartAsync(redis, output, settings, clock, prefix);
        string aId = a.Services.GetRequiredService<PartitionLeaseSupervisor>().InstanceId;
        string bId = b.Services.GetRequiredService<PartitionLeaseSupervisor>().InstanceId;
        var holders = await shares.WaitForFairShareAsync([aId, bId], TimeSpan.FromSeconds(20));
        var webhook = await a.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        var holder = holders[a.PartitionOf(webhook.Id)] == aId ? a : b;
        var other = holder == a ? b : a;
        // The holder's pump has looked once and gone idle by now: the webhook was created after the split.
        Assert.Equal(holders, await shares.HoldersAsync());

        var sent = DateTimeOffset.UtcNow;
        await using (var publisher = other.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_wake_1"));
        }

        // Well within the 30 s idle poll (which, on the stopped clock, would never come at all).
        var received = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("evt_wake_1", received.BodyText);
        output.WriteLine($"cross-instance: published through the non-holder, received {(received.ReceivedAt - sent).TotalMilliseconds:F0} ms later (informational, not asserted)");
        await holder.Logs.WaitForAsync("AttemptSettled");
        Assert.DoesNotContain(other.Logs.Entries, e => e.Id.Name == "AttemptSettled");
    }
}
