using System.Net;
using System.Text.Json;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api.Search;

/// <summary><c>GET /v1/events/{id}/deliveries</c>: which endpoints an event went to, and each attempt.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class EventDeliveriesTests(RedisServerFixture redis, ITestOutputHelper output)
{
    // Ids may hold '/': the route takes the id as one percent-encoded segment.
    private const string EventId = "evt/search/1";

    [Fact]
    public async Task Every_webhook_the_event_went_to_is_listed_with_its_attempts_and_another_workspace_gets_404()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var steady = await TestReceiver.StartAsync();
        await using var flaky = await TestReceiver.StartAsync();
        int flakyCalls = 0;
        flaky.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref flakyCalls) == 1 ? 503 : 200);
        await using var unsubscribed = await TestReceiver.StartAsync();
        await using var paused = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        var steadyHook = await api.CreateWebhookAsync(steady.Url(), "link.clicked");
        var flakyHook = await api.CreateWebhookAsync(flaky.Url(), "link.clicked");
        await api.CreateWebhookAsync(unsubscribed.Url(), "qr.scanned");
        var disabledHook = await api.CreateWebhookAsync(paused.Url(), "link.clicked");
        await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{disabledHook.Id}/disable");
        // The other workspace has a subscribed webhook too, so its 404 below is not for want of one.
        await using var otherReceiver = await TestReceiver.StartAsync();
        await server.Api(DispatcherTestServer.OtherApiKey).CreateWebhookAsync(otherReceiver.Url(), "link.clicked");

        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create(EventId));
        await server.Logs.WaitForAsync("AttemptSettled", 2);
        // The flaky endpoint's 503 (no Retry-After) is retried a minute later, then succeeds.
        clock.Advance(TimeSpan.FromSeconds(67));
        await server.Logs.WaitForAsync("AttemptSettled", 3);

        var before = await CommandStats.ReadAsync(redis.Db);
        var (status, found) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/events/{Uri.EscapeDataString(EventId)}/deliveries");
        var after = await CommandStats.ReadAsync(redis.Db);

        // The cost: one queue-record check (with a summary and a record read) per webhook of the workspace, no scan.
        Assert.Equal(4, after.GetValueOrDefault("hexists") - before.GetValueOrDefault("hexists"));
        Assert.Equal(0, after.GetValueOrDefault("scan") - before.GetValueOrDefault("scan") + after.GetValueOrDefault("keys") - before.GetValueOrDefault("keys"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(EventId, found.GetProperty("eventId").GetString());
        var byWebhook = found.GetProperty("data").EnumerateArray().ToDictionary(d => d.GetProperty("webhookId").GetString()!);
        Assert.Equal(new[] { steadyHook.Id, flakyHook.Id, disabledHook.Id }.Order(), byWebhook.Keys.Order());

        var steadyDelivery = byWebhook[steadyHook.Id];
        Assert.Equal("succeeded", steadyDelivery.GetProperty("outcome").GetString());
        Assert.Equal(steady.Url().ToString(), steadyDelivery.GetProperty("endpoint").GetString());
        Assert.False(steadyDelivery.GetProperty("queued").GetBoolean());
        Assert.Equal(["succeeded"], Outcomes(steadyDelivery));

        var flakyDelivery = byWebhook[flakyHook.Id];
        Assert.Equal("succeeded", flakyDelivery.GetProperty("outcome").GetString());
        Assert.Equal(200, flakyDelivery.GetProperty("statusCode").GetInt32());
        Assert.Equal(["succeeded", "retrying"], Outcomes(flakyDelivery));
        Assert.Equal(503, flakyDelivery.GetProperty("attempts")[1].GetProperty("statusCode").GetInt32());
        Assert.All(flakyDelivery.GetProperty("attempts").EnumerateArray(), a => Assert.Equal(EventId, a.GetProperty("eventId").GetString()));

        // Only a delivery that fails for good is put in the failed index: a success or a retry writes nothing there.
        Assert.False(await redis.Db.KeyExistsAsync(server.PartitionKey(steadyHook.Id, "failed")));
        Assert.False(await redis.Db.KeyExistsAsync(server.PartitionKey(flakyHook.Id, "failed")));

        // Disabled: queued, not attempted yet.
        var waiting = byWebhook[disabledHook.Id];
        Assert.True(waiting.GetProperty("queued").GetBoolean());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("outcome").ValueKind);
        Assert.Empty(waiting.GetProperty("attempts").EnumerateArray());

        // Another workspace: no event of that id there, so 404, though the id is the same.
        var (foreign, error) = await server.Api(DispatcherTestServer.OtherApiKey)
            .SendJsonAsync(HttpMethod.Get, $"/v1/events/{Uri.EscapeDataString(EventId)}/deliveries");
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Equal("NOT_FOUND", error.GetProperty("error").GetProperty("code").GetString());
        var (unknown, _) = await api.SendJsonAsync(HttpMethod.Get, "/v1/events/evt_never/deliveries");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        // The event itself is still fetched by the same encoded id.
        var (evtStatus, evt) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/events/{Uri.EscapeDataString(EventId)}");
        Assert.Equal(HttpStatusCode.OK, evtStatus);
        Assert.Equal(EventId, evt.GetProperty("id").GetString());
    }

    private static List<string> Outcomes(JsonElement delivery) =>
        delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()!).ToList();
}
