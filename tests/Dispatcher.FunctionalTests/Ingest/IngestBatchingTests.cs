using Dispatcher.Core.Events;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis;
using Dispatcher.Redis.Events;
using Dispatcher.Redis.Ingest;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// A request's events go to Redis in one script call per partition, not one per (event, partition).
/// Counted by Redis itself (<c>INFO commandstats</c>) on a Redis of this test's own, so no other
/// test's scripts are counted.
/// </summary>
public sealed class IngestBatchingTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private readonly RedisServerFixture _redis = new();
    private readonly PartitionMap _partitions = new(8);

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task One_requests_events_for_one_partition_are_written_in_one_script_call()
    {
        var keys = new RedisKeys(RedisServerFixture.NewPrefix());
        var store = new IngestStore(_redis.Connection, keys, _partitions);
        // Three webhooks in partition 1, two in partition 2: each event fans out to both partitions.
        var webhooks = WebhooksIn(1, 3).Concat(WebhooksIn(2, 2)).ToList();
        // The first call may load the script; what is counted is the steady state.
        await store.WriteAsync([new IngestItem(Event("evt_warm"), webhooks)], DateTimeOffset.UtcNow, Window, new HashSet<int>());
        var events = Enumerable.Range(0, 40).Select(i => Event($"evt_batch_{i}")).ToList();
        var request = events.Select(e => new IngestItem(e, webhooks)).ToList();
        // The webhooks' partitions, and each event's home (its body, the marker, is written there).
        int partitions = events.Select(e => EventHome.Of(_partitions, e.WorkspaceId, e.Id)).Append(1).Append(2).Distinct().Count();

        long before = await ScriptCallsAsync();
        var outcomes = await store.WriteAsync(request, DateTimeOffset.UtcNow, Window, new HashSet<int>());
        long written = await ScriptCallsAsync() - before;

        Assert.All(outcomes, o => Assert.Equal(IngestOutcome.Accepted, o));
        // One per partition (at most 8 here), where one per event and partition made 80.
        Assert.Equal(partitions, written);
        foreach (var webhook in webhooks)
        {
            Assert.Equal(41, await _redis.Db.SortedSetLengthAsync(keys.Queue(_partitions.PartitionOf(webhook.Id), webhook.Id)));
        }

        before = await ScriptCallsAsync();
        Assert.All(await store.WriteAsync(request, DateTimeOffset.UtcNow, Window, new HashSet<int>()), o => Assert.Equal(IngestOutcome.Duplicate, o));
        Assert.Equal(partitions, await ScriptCallsAsync() - before);
    }

    private Task<long> ScriptCallsAsync() => CommandStats.ScriptCallsAsync(_redis.Db);

    private List<Webhook> WebhooksIn(int partition, int count) =>
        Enumerable.Range(0, 10_000).Select(i => $"wh_batch_{i}").Where(id => _partitions.PartitionOf(id) == partition).Take(count)
            .Select(id => new Webhook(id, "ws_batch", new Uri("https://example.com/hook"), ["link.clicked"], "whsec_batch", DateTimeOffset.UtcNow))
            .ToList();

    private static StoredEvent Event(string id) => new(id, "ws_batch", "link.clicked", DateTimeOffset.UtcNow, """{"a":1}"""u8.ToArray());
}
