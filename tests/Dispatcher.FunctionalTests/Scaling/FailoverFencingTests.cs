using Dispatcher.Redis;
using Dispatcher.Redis.Leases;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>
/// A failover to a replica that missed the last lease acquisition must not let that acquisition's
/// holder keep writing once another instance takes the partition on the new master.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FailoverFencingTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_holder_whose_acquisition_a_failover_lost_is_refused_once_another_instance_holds_the_partition()
    {
        var (prefix, keys, leases, schedule, webhook, partition, now) = await FencingScene.StartAsync(redis, "failover");
        // Some history: instance x held the partition and handed it back.
        await leases.AcquireAsync(partition, "x", Ttl);
        await leases.ReleaseAsync(partition, "x");
        var replica = await redis.Db.HashGetAllAsync(keys.LeaseEpoch(partition));

        // A acquires on the master; the replica never gets it (asynchronous replication)...
        var a = await leases.AcquireAsync(partition, "a", Ttl);
        Assert.True(a.Held);
        // ...and the replica is promoted: the lease and epoch are as they were before A's acquisition.
        await redis.Db.KeyDeleteAsync([keys.Lease(partition), keys.LeaseEpoch(partition)]);
        await redis.Db.HashSetAsync(keys.LeaseEpoch(partition), replica);

        var b = await leases.AcquireAsync(partition, "b", Ttl);
        Assert.True(b.Held);

        // A does not know: it still claims under the epoch it was given. Nothing may change.
        var before = await redis.KeysAsync(prefix);
        var queue = await redis.Db.SortedSetRangeByRankWithScoresAsync($"{prefix}:{{p:{partition}}}:q:{webhook.Id}");
        Assert.Empty(await schedule.ClaimAsync(partition, webhook.Id, now, now.AddSeconds(10), 4, a.Epoch));
        Assert.Equal(queue, await redis.Db.SortedSetRangeByRankWithScoresAsync($"{prefix}:{{p:{partition}}}:q:{webhook.Id}"));
        Assert.Equal(before, await redis.KeysAsync(prefix));

        // B, the holder by the new master's record, claims it.
        Assert.Equal("evt_failover_1", Assert.Single(await schedule.ClaimAsync(partition, webhook.Id, now, now.AddSeconds(10), 4, b.Epoch)).Event.Id);
    }

    [Fact]
    public async Task Epochs_are_unique_per_acquisition_even_when_the_record_is_rolled_back()
    {
        string prefix = RedisServerFixture.NewPrefix();
        var keys = new RedisKeys(prefix);
        var leases = new LeaseStore(redis.Connection, keys);
        var seen = new HashSet<long>();
        for (int i = 0; i < 20; i++)
        {
            // Every acquisition starts from an empty record, as after losing everything to a failover.
            await redis.Db.KeyDeleteAsync([keys.Lease(0), keys.LeaseEpoch(0)]);
            var grant = await leases.AcquireAsync(0, $"i{i}", Ttl);
            Assert.True(seen.Add(grant.Epoch), $"epoch {grant.Epoch} handed out twice");
        }
    }
}
