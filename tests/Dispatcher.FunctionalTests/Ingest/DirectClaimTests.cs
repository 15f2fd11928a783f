using System.Globalization;
using Dispatcher.Core.Events;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis;
using Dispatcher.Redis.Ingest;
using Dispatcher.Redis.Leases;
using Dispatcher.Redis.Schedule;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Ingest writes a new delivery already claimed, and hands it to this instance's sender, only when
/// that keeps every guarantee a pump's claim keeps: the caller's lease epoch is current, the webhook
/// is not held, and nothing in its queue is due (no overtaking). Otherwise it is queued as before.
/// A delivery written claimed is in Redis like any claimed one: due again at its deadline if this
/// instance dies, and settled with the token and epoch it was handed.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class DirectClaimTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(30);
    private readonly PartitionMap _partitions = new(8);

    [Fact]
    public async Task A_delivery_to_an_idle_webhook_is_written_claimed_handed_over_and_due_again_at_its_deadline()
    {
        var (keys, webhook, partition, claims, store) = await SceneAsync("idle");
        var now = DateTimeOffset.UtcNow;
        var touched = new HashSet<int>();

        var outcomes = await store.WriteAsync([Item("evt_direct_1", webhook, now)], now, Window, touched);

        Assert.Equal(IngestOutcome.Accepted, Assert.Single(outcomes));
        var slot = Assert.Single(claims.Slots);
        var handed = Assert.IsType<ClaimedDelivery>(slot.Handed);
        Assert.Equal(WebhookIds.DeliveryId(webhook.WorkspaceId, "evt_direct_1", webhook.Id), handed.DeliveryId);
        Assert.Equal(claims.Epoch, handed.Epoch);
        Assert.Equal(0, handed.AttemptsMade);
        Assert.Equal("""{"a":1}""", System.Text.Encoding.UTF8.GetString(handed.Event.Data.Span));
        // Nothing was queued for the pump, so its partition is not woken.
        Assert.DoesNotContain(partition, touched);
        // In Redis as a pump's claim: scored at the deadline, the record holding the token.
        string deadline = slot.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(slot.Deadline.ToUnixTimeMilliseconds(), await redis.Db.SortedSetScoreAsync(keys.Queue(partition, webhook.Id), handed.DeliveryId));
        Assert.StartsWith($"0 {deadline} ", (string?)await redis.Db.HashGetAsync(keys.QueueRecords(partition, webhook.Id), handed.DeliveryId));
        Assert.Equal(deadline, handed.ClaimToken);

        // Not claimable before the deadline; if this instance died, claimable after it (at-least-once).
        var schedule = new ScheduleStore(redis.Connection, keys);
        Assert.Empty(await schedule.ClaimAsync(partition, webhook.Id, now, now + ClaimFor, 10));
        var again = Assert.Single(await schedule.ClaimAsync(partition, webhook.Id, slot.Deadline.AddMilliseconds(1), slot.Deadline + ClaimFor, 10));
        Assert.Equal(handed.DeliveryId, again.DeliveryId);
    }

    [Fact]
    public async Task A_delivery_handed_over_settles_with_its_token_and_epoch()
    {
        var (keys, webhook, partition, claims, store) = await SceneAsync("settle");
        var now = DateTimeOffset.UtcNow;
        await store.WriteAsync([Item("evt_direct_2", webhook, now)], now, Window, new HashSet<int>());
        var handed = Assert.IsType<ClaimedDelivery>(Assert.Single(claims.Slots).Handed);

        var schedule = new ScheduleStore(redis.Connection, keys);
        Assert.True(await schedule.SettleAsync(partition, handed, Settlement.Done, now));
        Assert.Equal(0, await redis.Db.SortedSetLengthAsync(keys.Queue(partition, webhook.Id)));
    }

    [Fact]
    public async Task A_delivery_is_queued_not_claimed_behind_due_work_while_held_or_under_a_stale_epoch()
    {
        var now = DateTimeOffset.UtcNow;

        // Due work waits: written by a store that claims nothing, then a new one must not overtake it.
        var (keys, webhook, partition, claims, store) = await SceneAsync("behind");
        await new IngestStore(redis.Connection, keys, _partitions).WriteAsync([Item("evt_first", webhook, now)], now, Window, new HashSet<int>());
        var touched = new HashSet<int>();
        await store.WriteAsync([Item("evt_second", webhook, now)], now, Window, touched);
        AssertQueued(claims, touched, partition);
        Assert.Equal(now.ToUnixTimeMilliseconds(), await redis.Db.SortedSetScoreAsync(
            keys.Queue(partition, webhook.Id), WebhookIds.DeliveryId(webhook.WorkspaceId, "evt_second", webhook.Id)));

        // Disabled (or paused) in Redis.
        (keys, webhook, partition, claims, store) = await SceneAsync("held");
        await redis.Db.StringSetAsync(keys.Hold(partition, webhook.Id), "disabled");
        touched = [];
        await store.WriteAsync([Item("evt_held", webhook, now)], now, Window, touched);
        Assert.True(Assert.Single(claims.Slots).Released);

        // The lease moved on since the pump reserved the slot.
        (keys, webhook, partition, claims, store) = await SceneAsync("stale");
        claims.Epoch--;
        touched = [];
        await store.WriteAsync([Item("evt_stale", webhook, now)], now, Window, touched);
        AssertQueued(claims, touched, partition);
    }

    [Fact]
    public async Task A_duplicate_hands_nothing_over()
    {
        var (_, webhook, _, claims, store) = await SceneAsync("dup");
        var now = DateTimeOffset.UtcNow;
        await store.WriteAsync([Item("evt_dup", webhook, now)], now, Window, new HashSet<int>());

        var outcomes = await store.WriteAsync([Item("evt_dup", webhook, now)], now, Window, new HashSet<int>());

        Assert.Equal(IngestOutcome.Duplicate, Assert.Single(outcomes));
        Assert.Equal(2, claims.Slots.Count);
        Assert.NotNull(claims.Slots[0].Handed);
        Assert.True(claims.Slots[1].Released);
    }

    private static void AssertQueued(RecordingDirectClaims claims, HashSet<int> touched, int partition)
    {
        Assert.True(Assert.Single(claims.Slots).Released);
        // Queued: the partition's pump is woken for it.
        Assert.Contains(partition, touched);
    }

    /// <summary>A fresh keyspace with one webhook whose partition's lease is held, and a store that may claim under it.</summary>
    private async Task<(RedisKeys Keys, Webhook Webhook, int Partition, RecordingDirectClaims Claims, IngestStore Store)> SceneAsync(string name)
    {
        var keys = new RedisKeys(RedisServerFixture.NewPrefix());
        var webhook = new Webhook($"wh_{name}", $"ws_{name}", new Uri("https://example.com/hook"), ["link.clicked"], $"whsec_{name}", DateTimeOffset.UtcNow);
        int partition = _partitions.PartitionOf(webhook.Id);
        var grant = await new LeaseStore(redis.Connection, keys).AcquireAsync(partition, "instance-a", TimeSpan.FromMinutes(1));
        Assert.True(grant.Held);
        var claims = new RecordingDirectClaims(grant.Epoch, ClaimFor);
        return (keys, webhook, partition, claims, new IngestStore(redis.Connection, keys, _partitions, claims));
    }

    private static IngestItem Item(string id, Webhook webhook, DateTimeOffset now) =>
        new(new StoredEvent(id, webhook.WorkspaceId, "link.clicked", now, """{"a":1}"""u8.ToArray()), [webhook]);
}
