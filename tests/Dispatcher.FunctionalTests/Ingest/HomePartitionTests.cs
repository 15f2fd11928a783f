using System.Text.Json;
using Dispatcher.Client.Publishing;
using Dispatcher.Core.Events;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis;
using Dispatcher.Redis.Events;
using Dispatcher.Redis.Ingest;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Layout 3: an event's body in its home partition is its dedupe marker, and an event is accepted when
/// a request wrote it anywhere. On Redis Cluster each partition's slot can fail over on its own and lose
/// its last writes; these tests delete exactly what such a failover loses and send the event again.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HomePartitionTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private readonly PartitionMap _partitions = new(8);

    [Fact]
    public async Task A_retry_after_a_failover_lost_one_partitions_writes_rewrites_them_and_is_accepted()
    {
        var (keys, store) = Scene();
        var evt = Event("ws_fo", "evt_failover");
        int home = EventHome.Of(_partitions, evt.WorkspaceId, evt.Id);
        // Two webhooks in two partitions, neither the home: the event's writes span three slots.
        int pa = Enumerable.Range(0, 8).First(p => p != home);
        int pb = Enumerable.Range(0, 8).First(p => p != home && p != pa);
        var a = WebhookIn(pa, evt.WorkspaceId, "a");
        var b = WebhookIn(pb, evt.WorkspaceId, "b");
        var first = DateTimeOffset.UtcNow;
        Assert.Equal([IngestOutcome.Accepted], await store.WriteAsync([new IngestItem(evt, [a, b])], first, Window, new HashSet<int>()));
        string delivery = WebhookIds.DeliveryId(evt.WorkspaceId, evt.Id, b.Id);
        Assert.True(await redis.Db.KeyExistsAsync(keys.EventBody(home, evt.WorkspaceId, evt.Id)));

        // The failover of pb's shard loses every write of this event there.
        await redis.Db.KeyDeleteAsync([keys.EventBody(pb, evt.WorkspaceId, evt.Id), keys.Queue(pb, b.Id), keys.QueueRecords(pb, b.Id), keys.Ready(pb)]);
        var retried = first.AddSeconds(5);
        var touched = new HashSet<int>();
        // With a separate marker (layout 2) this was Duplicate, and b's delivery was lost for good.
        Assert.Equal([IngestOutcome.Accepted], await store.WriteAsync([new IngestItem(evt, [a, b])], retried, Window, touched));

        Assert.Equal(retried.ToUnixTimeMilliseconds(), await redis.Db.SortedSetScoreAsync(keys.Queue(pb, b.Id), delivery));
        Assert.NotNull(await redis.Db.SortedSetScoreAsync(keys.Ready(pb), b.Id));
        Assert.True(await redis.Db.KeyExistsAsync(keys.EventBody(pb, evt.WorkspaceId, evt.Id)));
        // The partitions that kept their writes wrote nothing again: a's delivery is the first one, once.
        Assert.Equal(first.ToUnixTimeMilliseconds(), await redis.Db.SortedSetScoreAsync(keys.Queue(pa, a.Id), WebhookIds.DeliveryId(evt.WorkspaceId, evt.Id, a.Id)));
        Assert.Equal(1, await redis.Db.SortedSetLengthAsync(keys.Queue(pa, a.Id)));
        Assert.Equal(new HashSet<int> { pb }, touched);

        // A home that lost its body (the marker) alone: rewritten, and accepted; nothing else moves.
        await redis.Db.KeyDeleteAsync(keys.EventBody(home, evt.WorkspaceId, evt.Id));
        Assert.Equal([IngestOutcome.Accepted], await store.WriteAsync([new IngestItem(evt, [a, b])], retried.AddSeconds(5), Window, new HashSet<int>()));
        Assert.Equal(retried.ToUnixTimeMilliseconds(), await redis.Db.SortedSetScoreAsync(keys.Queue(pb, b.Id), delivery));

        Assert.Equal([IngestOutcome.Duplicate], await store.WriteAsync([new IngestItem(evt, [a, b])], retried.AddSeconds(10), Window, new HashSet<int>()));
    }

    [Fact]
    public async Task Through_the_server_the_retry_is_accepted_and_the_lost_partitions_webhook_receives_the_event_again()
    {
        await using var receiverA = await TestReceiver.StartAsync();
        await using var receiverB = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var a = await api.CreateWebhookAsync(receiverA.Url(), "link.clicked");
        var b = await api.CreateWebhookAsync(receiverB.Url(), "link.clicked");
        // Ids are random: 7 times in 8 the second lands in another partition; otherwise try again.
        while (server.PartitionOf(b.Id) == server.PartitionOf(a.Id))
        {
            await api.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{b.Id}");
            b = await api.CreateWebhookAsync(receiverB.Url(), "link.clicked");
        }
        await using var publisher = server.Publisher();

        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_lost_slot"))).Status);
        Assert.Equal("evt_lost_slot", IdOf(await receiverA.NextAsync()));
        Assert.Equal("evt_lost_slot", IdOf(await receiverB.NextAsync()));

        // b's slot fails over to a replica that never got the event: its body there is gone.
        Assert.True(await redis.Db.KeyDeleteAsync(
            $"{server.Prefix}:{{p:{server.PartitionOf(b.Id)}}}:ev:{DispatcherTestServer.Workspace}:evt_lost_slot"));

        // With a separate marker (layout 2) this was Duplicate, and b never got the event.
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_lost_slot"))).Status);
        Assert.Equal("evt_lost_slot", IdOf(await receiverB.NextAsync()));
        Assert.Equal(PublishStatus.Duplicate, (await publisher.PublishAsync(TestEvents.Create("evt_lost_slot"))).Status);
    }

    [Fact]
    public async Task An_event_nobody_subscribes_to_is_remembered_by_its_home_body_alone()
    {
        var (keys, store) = Scene();
        var evt = Event("ws_none", "evt_unheard");
        var touched = new HashSet<int>();

        Assert.Equal([IngestOutcome.Accepted], await store.WriteAsync([new IngestItem(evt, [])], DateTimeOffset.UtcNow, Window, touched));
        Assert.Equal([IngestOutcome.Duplicate], await store.WriteAsync([new IngestItem(evt, [])], DateTimeOffset.UtcNow, Window, touched));

        var body = keys.EventBody(EventHome.Of(_partitions, evt.WorkspaceId, evt.Id), evt.WorkspaceId, evt.Id);
        // Only the marker: no delivery will ever read the rest of it.
        Assert.Equal(["id", "ws"], (await redis.Db.HashKeysAsync(body)).Select(k => (string)k!).Order());
        Assert.Equal(evt.WorkspaceId, (string?)await redis.Db.HashGetAsync(body, "ws"));
        // The dedupe window is the body's lifetime.
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(body))!.Value, Window - TimeSpan.FromMinutes(1), Window);
        Assert.Empty(touched);
    }

    [Fact]
    public async Task An_event_is_read_back_whole_from_its_webhooks_partition_when_its_home_keeps_only_the_marker()
    {
        var (keys, store) = Scene();
        var evt = Event("ws_read", "evt_read_back");
        int home = EventHome.Of(_partitions, evt.WorkspaceId, evt.Id);
        int elsewhere = Enumerable.Range(0, 8).First(p => p != home);
        await store.WriteAsync([new IngestItem(evt, [WebhookIn(elsewhere, evt.WorkspaceId, "r")])], DateTimeOffset.UtcNow, Window, new HashSet<int>());
        var events = new EventStore(redis.Connection, keys, _partitions);

        var found = await events.FindAsync(new WorkspaceId(evt.WorkspaceId), new EventId(evt.Id), () => Task.FromResult<IEnumerable<int>>([elsewhere]));

        Assert.NotNull(found);
        Assert.Equal((evt.Id, evt.Type), (found.Id, found.Type));
        Assert.Equal(evt.Data, found.Data);
        Assert.Equal(2, await redis.Db.HashLengthAsync(keys.EventBody(home, evt.WorkspaceId, evt.Id)));
        Assert.Null(await events.FindAsync(new WorkspaceId(evt.WorkspaceId), new EventId(evt.Id), () => Task.FromResult<IEnumerable<int>>([])));
    }

    [Fact]
    public async Task Ids_that_would_join_to_one_key_have_two_homes_and_stay_two_events()
    {
        var (keys, store) = Scene();
        var plain = Event("acme", "eu:1");
        var colon = Event("acme:eu", "1");

        Assert.Equal([IngestOutcome.Accepted, IngestOutcome.Accepted],
            await store.WriteAsync([new IngestItem(plain, []), new IngestItem(colon, [])], DateTimeOffset.UtcNow, Window, new HashSet<int>()));
        Assert.Equal([IngestOutcome.Duplicate, IngestOutcome.Duplicate],
            await store.WriteAsync([new IngestItem(plain, []), new IngestItem(colon, [])], DateTimeOffset.UtcNow, Window, new HashSet<int>()));

        var plainBody = keys.EventBody(EventHome.Of(_partitions, "acme", "eu:1"), "acme", "eu:1");
        var colonBody = keys.EventBody(EventHome.Of(_partitions, "acme:eu", "1"), "acme:eu", "1");
        Assert.NotEqual(plainBody, colonBody);
        Assert.Equal("acme", (string?)await redis.Db.HashGetAsync(plainBody, "ws"));
        Assert.Equal("acme:eu", (string?)await redis.Db.HashGetAsync(colonBody, "ws"));
    }

    private static string IdOf(ReceivedRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private (RedisKeys Keys, IngestStore Store) Scene()
    {
        var keys = new RedisKeys(RedisServerFixture.NewPrefix());
        return (keys, new IngestStore(redis.Connection, keys, _partitions));
    }

    private static StoredEvent Event(string workspace, string id) =>
        new(id, workspace, "link.clicked", DateTimeOffset.UtcNow, """{"a":1}"""u8.ToArray());

    /// <summary>A webhook whose id hashes to <paramref name="partition"/>.</summary>
    private Webhook WebhookIn(int partition, string workspace, string name)
    {
        string id = Enumerable.Range(0, 1000).Select(i => $"wh_{name}_{i}").First(id => _partitions.PartitionOf(id) == partition);
        return new Webhook(id, workspace, new Uri("https://example.com/hook"), ["link.clicked"], $"whsec_{name}", DateTimeOffset.UtcNow);
    }
}
