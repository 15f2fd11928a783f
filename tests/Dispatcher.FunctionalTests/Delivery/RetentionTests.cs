using System.Collections.Concurrent;
using System.Net;
using Dispatcher.FunctionalTests.Observability;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>Work that outlives the event retention is dropped on record, never silently.</summary>
[Collection(RedisCollection.Name)]
public sealed class RetentionTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_disabled_webhooks_queue_that_outlived_the_retention_is_logged_expired_and_counted_when_enabled()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var measurements = new ConcurrentDictionary<string, long>();
        using var listener = MetricsTests.Listen(server, measurements);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable")).Status);
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_kept_too_long_1"));
        await publisher.PublishAsync(TestEvents.Create("evt_kept_too_long_2"));

        // What Redis does once the retention has passed: the event bodies expire (their TTL), the queue stays.
        foreach (string eventId in new[] { "evt_kept_too_long_1", "evt_kept_too_long_2" })
        {
            Assert.True(await redis.Db.KeyDeleteAsync($"{server.Prefix}:{{p:{server.PartitionOf(webhook.Id)}}}:ev:{DispatcherTestServer.Workspace}:{eventId}"));
        }
        Assert.Equal(2, await redis.Db.SortedSetLengthAsync(server.PartitionKey(webhook.Id, "q")));
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/enable")).Status);

        string logged = await server.Logs.WaitForAsync("DeliveryExpired", 2);
        Assert.Contains("outlived its retention", logged);
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        var entries = log.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["expired", "expired"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal(["evt_kept_too_long_1", "evt_kept_too_long_2"], entries.Select(e => e.GetProperty("eventId").GetString()).Order());
        Assert.Equal(2, measurements.GetValueOrDefault("dispatcher.delivery.expired"));
        Assert.Equal(0, await redis.Db.SortedSetLengthAsync(server.PartitionKey(webhook.Id, "q")));
        Assert.Empty(receiver.All);
    }

    [Fact]
    public async Task A_disabled_webhooks_queue_about_to_expire_is_shown_with_a_warning()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable")).Status);
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_queued_long"));
        var (_, fresh) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        // Just queued: it expires at the end of the retention (7 days), not soon.
        Assert.True(fresh.TryGetProperty("queueExpiresAt", out _), "a disabled webhook with queued events shows when they expire");
        Assert.False(fresh.TryGetProperty("warning", out _));

        // What six days and some of being disabled leave: an hour of the retention to go.
        string body = $"{server.Prefix}:{{p:{server.PartitionOf(webhook.Id)}}}:ev:{DispatcherTestServer.Workspace}:evt_queued_long";
        Assert.True(await redis.Db.KeyExpireAsync(body, TimeSpan.FromHours(1)));
        var (_, disabled) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");

        var expiresAt = disabled.GetProperty("queueExpiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Contains("enable the webhook before then", disabled.GetProperty("warning").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/enable")).Status);
        await receiver.NextAsync();
        var (_, enabled) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.False(enabled.TryGetProperty("warning", out _));
    }
}
