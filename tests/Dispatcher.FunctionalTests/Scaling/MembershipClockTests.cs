using Dispatcher.Redis;
using Dispatcher.Redis.Membership;
using Dispatcher.Testing;
using StackExchange.Redis;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>Membership expiry reads Redis's clock, never an instance's own.</summary>
[Collection(RedisCollection.Name)]
public sealed class MembershipClockTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Heartbeats_are_stamped_and_expired_by_redis_time()
    {
        var keys = new RedisKeys(RedisServerFixture.NewPrefix());
        var membership = new MembershipStore(redis.Connection, keys);
        long redisNow = await RedisNowMsAsync();
        // A member silent for two TTLs by Redis's clock: dead, whatever any instance's clock says.
        await redis.Db.SortedSetAddAsync(keys.Members, "dead", redisNow - 2 * (long)Ttl.TotalMilliseconds);

        string[] members = await membership.HeartbeatAsync("alive", Ttl);

        Assert.Equal(["alive"], members);
        double stamped = (await redis.Db.SortedSetScoreAsync(keys.Members, "alive"))!.Value;
        Assert.InRange(stamped, redisNow, await RedisNowMsAsync());
    }

    [Fact]
    public async Task An_instance_whose_own_clock_is_an_hour_behind_stays_a_member()
    {
        var keys = new RedisKeys(RedisServerFixture.NewPrefix());
        var membership = new MembershipStore(redis.Connection, keys);

        // Nothing of the instances' clocks reaches Redis: both heartbeats count as now.
        await membership.HeartbeatAsync("behind", Ttl);
        string[] members = await membership.HeartbeatAsync("on-time", Ttl);

        Assert.Equal(["behind", "on-time"], members);
    }

    private async Task<long> RedisNowMsAsync()
    {
        var time = (RedisResult[])(await redis.Db.ExecuteAsync("TIME"))!;
        return (long)time[0] * 1000 + (long)time[1] / 1000;
    }
}
