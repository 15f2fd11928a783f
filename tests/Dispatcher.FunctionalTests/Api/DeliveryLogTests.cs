using System.Net;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>The delivery log, replay and recover, against real receivers.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class DeliveryLogTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_attempt_is_logged_newest_first_with_request_and_response_but_no_secret()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 500 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_logged"));
        var first = await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 1);
        clock.Advance(TimeSpan.FromSeconds(67));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 2);

        var (status, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        Assert.Equal(HttpStatusCode.OK, status);
        var entries = log.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["succeeded", "retrying"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal([2, 1], entries.Select(e => e.GetProperty("attempt").GetInt32()));
        Assert.Equal(500, entries[1].GetProperty("statusCode").GetInt32());
        Assert.Equal("evt_logged", entries[1].GetProperty("eventId").GetString());
        Assert.Equal(first.BodyText, entries[1].GetProperty("requestBody").GetString());
        Assert.Equal(first.Header("CD4CD-Signature"), entries[1].GetProperty("requestHeaders").GetProperty("CD4CD-Signature").GetString());
        Assert.DoesNotContain(webhook.Secret, log.GetRawText());
        Assert.Null(log.GetProperty("nextCursor").GetString());

        // ?outcome= picks deliveries by their latest attempt, shown with all their attempts: this one succeeded.
        var (_, retrying) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries?outcome=retrying");
        Assert.Empty(retrying.GetProperty("data").EnumerateArray());
        var (_, succeeded) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries?outcome=succeeded");
        Assert.Equal(2, succeeded.GetProperty("data").GetArrayLength());
        var (_, page1) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries?limit=1");
        string cursor = page1.GetProperty("nextCursor").GetString()!;
        var (_, page2) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries?limit=1&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Equal("retrying", Assert.Single(page2.GetProperty("data").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Null(page2.GetProperty("nextCursor").GetString());
        var (_, byOffset) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries?limit=1&cursor=1");
        Assert.Equal("retrying", Assert.Single(byOffset.GetProperty("data").EnumerateArray()).GetProperty("outcome").GetString());

        var (badLimit, error) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit);
        Assert.Equal("INVALID_LIMIT", error.GetProperty("error").GetProperty("code").GetString());
        var (foreign, _) = await server.Api(DispatcherTestServer.OtherApiKey).SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        Assert.Equal(HttpStatusCode.NotFound, foreign);
    }

    [Fact]
    public async Task The_log_keeps_whole_deliveries_with_all_their_attempts_and_drops_the_oldest_delivery_whole()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 500 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Delivery:LogEntries"] = "2" }, clock);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        // Delivery A takes two attempts, B one: three attempts, two deliveries, all kept.
        await publisher.PublishAsync(TestEvents.Create("evt_a"));
        await server.Logs.WaitForAsync("AttemptSettled", 1);
        clock.Advance(TimeSpan.FromSeconds(67));
        await server.Logs.WaitForAsync("AttemptSettled", 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        await publisher.PublishAsync(TestEvents.Create("evt_b"));
        await server.Logs.WaitForAsync("AttemptSettled", 3);
        Assert.Equal(["evt_b:1", "evt_a:2", "evt_a:1"], await AttemptsAsync(api, webhook.Id));

        // A third delivery pushes out the oldest delivery with both its attempts, never half of one.
        // A later second: the log lists newest first, and attempts of one millisecond have no order.
        clock.Advance(TimeSpan.FromSeconds(1));
        await publisher.PublishAsync(TestEvents.Create("evt_c"));
        await server.Logs.WaitForAsync("AttemptSettled", 4);
        Assert.Equal(["evt_c:1", "evt_b:1"], await AttemptsAsync(api, webhook.Id));
        Assert.Equal(2, await redis.Db.HashLengthAsync(server.PartitionKey(webhook.Id, "logs")));
        Assert.Equal(2, await redis.Db.HashLengthAsync(server.PartitionKey(webhook.Id, "logd")));
    }

    [Fact]
    public async Task A_stored_entry_keeps_the_request_body_as_sent_with_only_what_json_must_escape()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        const string data = """{"note":"<b>&</b> 'quoted' \"inner\" Zürich","lines":"a\nb"}""";
        await publisher.PublishAsync(TestEvents.Create("evt_compact", data: data));
        var received = await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 1);

        // What Redis keeps (and the AOF writes, and each rewrite copies) for the attempt: quotes as \",
        // the rest of the body as it was sent (HTML characters and non-ASCII too; only characters
        // beyond the BMP would still be written as \u pairs), no null fields, one line per attempt.
        var stored = (string)(await redis.Db.HashGetAllAsync(server.PartitionKey(webhook.Id, "logd"))).Single().Value!;
        Assert.DoesNotContain("\\u0022", stored);
        Assert.DoesNotContain("\"error\":null", stored);
        Assert.DoesNotContain('\n', stored);
        Assert.Contains(received.BodyText.Replace("\\", "\\\\").Replace("\"", "\\\""), stored);

        // And the API gives back exactly what the receiver got.
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        var entry = Assert.Single(log.GetProperty("data").EnumerateArray());
        Assert.Equal(received.BodyText, entry.GetProperty("requestBody").GetString());
    }

    private static async Task<List<string>> AttemptsAsync(HttpClient api, string webhookId)
    {
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries");
        return log.GetProperty("data").EnumerateArray()
            .Select(e => $"{e.GetProperty("eventId").GetString()}:{e.GetProperty("attempt").GetInt32()}").ToList();
    }

    [Fact]
    public async Task The_log_records_exactly_the_headers_the_receiver_got()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_headers"));
        var received = await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 1);

        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        var logged = Assert.Single(log.GetProperty("data").EnumerateArray()).GetProperty("requestHeaders")
            .EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        // Host and Content-Length are the HTTP connection's, not the attempt's.
        var sent = received.Headers.Where(h => h.Key is not ("Host" or "Content-Length"))
            .ToDictionary(h => h.Key, h => (string?)h.Value, StringComparer.OrdinalIgnoreCase);
        // Header names are case-insensitive on the wire (Kestrel spells the ones it knows its own way).
        Assert.Equal(
            sent.Select(h => (h.Key.ToLowerInvariant(), h.Value)).Order(),
            logged.Select(h => (h.Key.ToLowerInvariant(), h.Value)).Order());
        Assert.Contains("User-Agent", logged.Keys);
    }

    [Fact]
    public async Task An_attempt_is_on_record_even_when_settling_it_fails()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = async (_, aborted) =>
        {
            held.TrySetResult();
            await release.Task.WaitAsync(aborted);
            return 200;
        };
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_unsettled"));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // While the attempt is in flight, its schedule record becomes unwritable (a WRONGTYPE error
        // stands in for an instance dying, or Redis refusing, between sending and settling).
        string records = Assert.Single(await redis.KeysAsync(server.Prefix), k => k.EndsWith($":qr:{webhook.Id}", StringComparison.Ordinal));
        await redis.Db.KeyDeleteAsync(records);
        await redis.Db.StringSetAsync(records, "not a hash");
        release.SetResult();
        await server.Logs.WaitForAsync("SettleFailed");

        // The receiver got it, so the log says so: settling comes after the record, not before.
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        var entry = Assert.Single(log.GetProperty("data").EnumerateArray());
        Assert.Equal("evt_unsettled", entry.GetProperty("eventId").GetString());
        Assert.Equal("succeeded", entry.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_failed_delivery_is_replayed_and_recover_resends_every_failure_since()
    {
        await using var receiver = await TestReceiver.StartAsync();
        bool failing = true;
        receiver.Respond = (_, _) => Task.FromResult(Volatile.Read(ref failing) ? 500 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        string id = await CreateWithoutRetriesAsync(api, receiver);
        await using var publisher = server.Publisher();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (string evt in new[] { "evt_f1", "evt_f2", "evt_f3" })
        {
            await publisher.PublishAsync(TestEvents.Create(evt));
            await receiver.NextAsync();
        }
        await server.Logs.WaitForAsync("AttemptSettled", 3);
        Volatile.Write(ref failing, false);
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?outcome=failed");
        var failed = log.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, failed.Count);
        string f1 = failed.Single(e => e.GetProperty("eventId").GetString() == "evt_f1").GetProperty("deliveryId").GetString()!;

        var (replayStatus, _) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{f1}/replay");
        Assert.Equal(HttpStatusCode.Accepted, replayStatus);
        Assert.Contains("evt_f1", (await receiver.NextAsync()).BodyText);

        var (unknown, _) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/dlv_nope/replay");
        Assert.Equal(HttpStatusCode.NotFound, unknown);

        await server.Logs.WaitForAsync("AttemptSettled", 4);
        var (recoverStatus, recovered) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/recover", new { since });
        Assert.Equal(HttpStatusCode.Accepted, recoverStatus);
        // evt_f1's replay succeeded since it failed: it is not sent a second time.
        Assert.Equal(2, recovered.GetProperty("queued").GetInt32());
        Assert.Equal(1, recovered.GetProperty("alreadyDelivered").GetInt32());
        var bodies = new[] { (await receiver.NextAsync()).BodyText, (await receiver.NextAsync()).BodyText };
        Assert.All(new[] { "evt_f2", "evt_f3" }, e => Assert.Contains(bodies, b => b.Contains(e)));

        var (badSince, error) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/recover", new { });
        Assert.Equal(HttpStatusCode.BadRequest, badSince);
        Assert.Equal("INVALID_SINCE", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_replay_replaces_a_pending_retry_instead_of_doubling_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 500 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_pending_retry"));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 1);
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        string deliveryId = log.GetProperty("data")[0].GetProperty("deliveryId").GetString()!;

        await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/deliveries/{deliveryId}/replay");
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 2);

        // The retry that was scheduled a minute out is gone: nothing is left to send.
        Assert.Equal(0, await redis.Db.SortedSetLengthAsync(server.PartitionKey(webhook.Id, "q")));
        Assert.Equal(2, receiver.All.Count);
    }

    [Fact]
    public async Task Replaying_a_delivery_whose_event_expired_answers_410()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        string id = await CreateWithoutRetriesAsync(api, receiver);
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_expiring"));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 1);
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries");
        string deliveryId = log.GetProperty("data")[0].GetProperty("deliveryId").GetString()!;
        // What the body's TTL does at the end of its retention.
        await redis.Db.KeyDeleteAsync($"{server.Prefix}:{{p:{server.PartitionOf(id)}}}:ev:{DispatcherTestServer.Workspace}:evt_expiring");

        var (status, error) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{deliveryId}/replay");

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("EXPIRED", error.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<string> CreateWithoutRetriesAsync(HttpClient api, TestReceiver receiver)
    {
        var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            // Elido disables after 5 failed deliveries in a row (CD4CD after the first): room for three.
            format = "elido",
            events = new[] { "link.clicked" },
            retrySchedule = Array.Empty<int>(),
        });
        return created.GetProperty("id").GetString()!;
    }
}
