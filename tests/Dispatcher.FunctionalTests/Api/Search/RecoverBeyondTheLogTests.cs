using System.Net;
using System.Text.Json;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Redis.Schedule;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
// Not Microsoft.Extensions.Logging.EventId.
using EventId = Dispatcher.Core.Events.EventId;

namespace Dispatcher.FunctionalTests.Api.Search;

/// <summary>Recover reads the webhook's failed index: every failure whose body is kept, not only the log's last deliveries.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class RecoverBeyondTheLogTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Recover_reaches_failures_the_log_let_go_and_counts_what_it_could_not_send()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        bool failing = true;
        receiver.Respond = (_, _) => Task.FromResult(Volatile.Read(ref failing) ? 500 : 200);
        // A log of two deliveries: four failures, two of them beyond it.
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Delivery:LogEntries"] = "2" }, clock);
        var api = server.Api();
        string id = await SearchWebhooks.CreateWithoutRetriesAsync(api, receiver);
        var since = clock.GetUtcNow().AddMinutes(-1);
        await using var publisher = server.Publisher();
        string[] events = ["evt_r1", "evt_r2", "evt_r3", "evt_r4"];
        for (int i = 0; i < events.Length; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await publisher.PublishAsync(TestEvents.Create(events[i]));
            await receiver.NextAsync();
            await server.Logs.WaitForAsync("AttemptSettled", i + 1);
        }
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?outcome=failed");
        Assert.Equal(["evt_r4", "evt_r3"], log.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()));
        Assert.Equal(4, await redis.Db.SortedSetLengthAsync(server.PartitionKey(id, "failed")));
        // The oldest event's body reached its retention (what its TTL does after 7 days).
        await redis.Db.KeyDeleteAsync($"{server.Prefix}:{{p:{server.PartitionOf(id)}}}:ev:{DispatcherTestServer.Workspace}:evt_r1");
        Volatile.Write(ref failing, false);

        var (status, recovered) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/recover", new { since });

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(3, recovered.GetProperty("queued").GetInt32());
        Assert.Equal(1, recovered.GetProperty("expired").GetInt32());
        Assert.Equal(0, recovered.GetProperty("alreadyDelivered").GetInt32());
        AssertNotRecovered(recovered, total: 1, expired: 1, webhookDeleted: 0);
        var resent = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() }
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()).Order();
        Assert.Equal(["evt_r2", "evt_r3", "evt_r4"], resent);
        await server.Logs.WaitForAsync("AttemptSettled", 7);

        // Again: the two deliveries the log keeps arrived since (not sent again); the third, beyond the
        // log, cannot be told from a failure and is sent again (receivers dedupe on the event id).
        var (_, again) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/recover", new { since });
        Assert.Equal(2, again.GetProperty("alreadyDelivered").GetInt32());
        Assert.Equal(1, again.GetProperty("queued").GetInt32());
        AssertNotRecovered(again, total: 1, expired: 1, webhookDeleted: 0);

        // A range that ends before the failures holds none of them.
        var (_, none) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/recover", new { since, until = since.AddSeconds(30) });
        Assert.Equal(0, none.GetProperty("queued").GetInt32());
        AssertNotRecovered(none, total: 0, expired: 0, webhookDeleted: 0);
        var (badUntil, error) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/recover", new { since, until = since });
        Assert.Equal(HttpStatusCode.BadRequest, badUntil);
        Assert.Equal("INVALID_UNTIL", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_failed_index_forgets_failures_older_than_the_event_bodies_and_goes_with_its_webhook()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        // Two days: the shortest retention every format's whole retry schedule fits in (CD4CD's takes 35 h).
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Ingest:DedupeWindow"] = "2.00:00:00" });
        var api = server.Api();
        string id = await SearchWebhooks.CreateWithoutRetriesAsync(api, receiver);
        string failed = server.PartitionKey(id, "failed");
        // A failure from three days ago, past the bodies' two: the next failure's settle trims it.
        await redis.Db.SortedSetAddAsync(failed, "dlv_from_three_days_ago evt_old", DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeMilliseconds());
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_new"));
        await server.Logs.WaitForAsync("AttemptSettled", 1);

        var ttl = await redis.Db.KeyTimeToLiveAsync(failed);
        Assert.True(ttl is { } t && t <= TimeSpan.FromDays(2) && t > TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1), $"the index lives as long as the bodies: {ttl}");
        var members = (await redis.Db.SortedSetRangeByRankAsync(failed)).Select(m => (string)m!).ToList();
        string delivery = WebhookIds.DeliveryId(DispatcherTestServer.Workspace, "evt_new", id);
        Assert.Equal([$"{delivery} evt_new"], members);

        // Deleting the webhook drops its index with the rest, and a replay racing the delete queues nothing.
        var (deleted, _) = await api.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.False(await redis.Db.KeyExistsAsync(failed));
        var replayer = server.Services.GetRequiredService<Replayer>();
        var result = await replayer.ReplayAsync(new WorkspaceId(DispatcherTestServer.Workspace), new WebhookId(id), new DeliveryId(delivery), new EventId("evt_new"));
        Assert.Equal(ReplayResult.WebhookDeleted, result);
        Assert.False(await redis.Db.KeyExistsAsync(server.PartitionKey(id, "q")));
    }

    private static void AssertNotRecovered(JsonElement answer, int total, int expired, int webhookDeleted)
    {
        var not = answer.GetProperty("notRecovered");
        Assert.Equal((total, expired, webhookDeleted),
            (not.GetProperty("total").GetInt32(), not.GetProperty("expired").GetInt32(), not.GetProperty("webhookDeleted").GetInt32()));
    }
}
