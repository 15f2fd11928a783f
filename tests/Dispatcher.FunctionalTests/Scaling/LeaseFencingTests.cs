using Dispatcher.FunctionalTests.Api;
using Dispatcher.Redis.Schedule;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>A holder's claims and settlements carry its lease epoch; once another instance took the lease, Redis refuses them.</summary>
[Collection(RedisCollection.Name)]
public sealed class LeaseFencingTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_holder_whose_lease_expired_and_was_taken_can_neither_claim_nor_settle_and_changes_nothing()
    {
        var (prefix, keys, leases, schedule, webhook, partition, now) = await FencingScene.StartAsync(redis, "fence");

        var first = await leases.AcquireAsync(partition, "a", Ttl);
        Assert.True(first.Held);
        Assert.Equal("", first.PreviousHolder);
        var renewed = await leases.AcquireAsync(partition, "a", Ttl);
        Assert.Equal((first.Epoch, (string?)null), (renewed.Epoch, renewed.PreviousHolder));
        var claimed = await schedule.ClaimAsync(partition, webhook.Id, now, now.AddSeconds(10), 4, first.Epoch);
        Assert.Single(claimed);
        Assert.Equal(first.Epoch, claimed[0].Epoch);

        // A's lease expires (as after a kill or a lost connection) and B takes the partition.
        await redis.Db.KeyDeleteAsync(keys.Lease(partition));
        var second = await leases.AcquireAsync(partition, "b", Ttl);
        Assert.Equal((true, "a", false), (second.Held, second.PreviousHolder, second.PreviousReleased));
        Assert.True(second.Epoch > first.Epoch, $"epoch {second.Epoch} after {first.Epoch}");
        Assert.True(second.FromExpiredHolder("b"));
        Assert.False((await leases.AcquireAsync(partition, "a", Ttl)).Held);

        var before = await RedisDump.AllAsync(redis, prefix);
        Assert.False(await schedule.SettleAsync(partition, claimed[0], Settlement.Done));
        Assert.False(await schedule.SettleAsync(partition, claimed[0], Settlement.Retry, now));
        Assert.Empty(await schedule.ClaimAsync(partition, webhook.Id, now.AddSeconds(20), now.AddSeconds(30), 4, first.Epoch));
        Assert.Equal(before, await RedisDump.AllAsync(redis, prefix));

        // The new holder claims it once A's claim deadline has passed, and settles it.
        var reclaimed = await schedule.ClaimAsync(partition, webhook.Id, now.AddSeconds(20), now.AddSeconds(30), 4, second.Epoch);
        Assert.Equal("evt_fence_1", Assert.Single(reclaimed).Event.Id);
        Assert.True(await schedule.SettleAsync(partition, reclaimed[0], Settlement.Done));

        // A graceful release tells the next holder it need not wait for attempts in flight.
        await leases.ReleaseAsync(partition, "b");
        var third = await leases.AcquireAsync(partition, "a", Ttl);
        Assert.Equal((true, "b", true), (third.Held, third.PreviousHolder, third.PreviousReleased));
        Assert.True(third.Epoch > second.Epoch, $"epoch {third.Epoch} after {second.Epoch}");
        Assert.False(third.FromExpiredHolder("a"));
    }
}
