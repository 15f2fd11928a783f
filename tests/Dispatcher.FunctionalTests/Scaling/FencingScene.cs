using Dispatcher.Core.Events;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis;
using Dispatcher.Redis.Ingest;
using Dispatcher.Redis.Leases;
using Dispatcher.Redis.Schedule;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>
/// What the fencing tests start from: one webhook with one delivery queued in its partition, under
/// a fresh key prefix, and the stores that lease, claim and settle it (no server running).
/// </summary>
internal sealed record FencingScene(
    string Prefix, RedisKeys Keys, LeaseStore Leases, ScheduleStore Schedule, Webhook Webhook, int Partition, DateTimeOffset Now)
{
    public static async Task<FencingScene> StartAsync(RedisServerFixture redis, string name)
    {
        string prefix = RedisServerFixture.NewPrefix();
        var keys = new RedisKeys(prefix);
        var partitions = new PartitionMap(8);
        var webhook = new Webhook($"wh_{name}", $"ws_{name}", new Uri("https://example.com/hook"), ["link.clicked"], $"whsec_{name}", DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        await new IngestStore(redis.Connection, keys, partitions).WriteAsync(
            [new IngestItem(new StoredEvent($"evt_{name}_1", webhook.WorkspaceId, "link.clicked", now, """{"a":1}"""u8.ToArray()), [webhook])],
            now, TimeSpan.FromDays(1), new HashSet<int>());
        return new FencingScene(prefix, keys, new LeaseStore(redis.Connection, keys), new ScheduleStore(redis.Connection, keys),
            webhook, partitions.PartitionOf(webhook.Id), now);
    }
}
