using System.Net;
using System.Text.Json;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>
/// A webhook's custom headers: sent on every delivery (published events, test events, replays),
/// shown by name only in answers and the delivery log, never stored or logged in clear, and
/// refused by name when they would override what Dispatcher or the HTTP client sets.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class CustomHeaderTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string Token = "Bearer tok_receiver_requires_this_3f9a";

    [Fact]
    public async Task Custom_headers_go_out_on_every_delivery_and_are_shown_by_name_only()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();

        var (status, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            events = new[] { "link.clicked" },
            // Content-Language is a content header: HttpClient keeps those apart from the request's.
            headers = new Dictionary<string, string> { ["Authorization"] = Token, ["X-Tenant"] = "acme", ["Content-Language"] = "en" },
        });
        Assert.Equal(HttpStatusCode.Created, status);
        string id = created.GetProperty("id").GetString()!;
        string secret = created.GetProperty("secret").GetString()!;
        AssertRedacted(created);
        var (_, fetched) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}");
        AssertRedacted(fetched);

        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_custom_1"));
        var published = await receiver.NextAsync();
        await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/test");
        var test = await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 2);
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries");
        string deliveryId = log.GetProperty("data").EnumerateArray().First(e => e.GetProperty("eventId").GetString() == "evt_custom_1")
            .GetProperty("deliveryId").GetString()!;
        var (replayStatus, _) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{deliveryId}/replay");
        Assert.Equal(HttpStatusCode.Accepted, replayStatus);
        var replayed = await receiver.NextAsync();

        foreach (var request in new[] { published, test, replayed })
        {
            Assert.Equal(Token, request.Header("Authorization"));
            Assert.Equal("acme", request.Header("X-Tenant"));
            Assert.Equal("en", request.Header("Content-Language"));
            Assert.True(WebhookSignature.Verify(secret, request.Header("CD4CD-Signature"), request.Body, TimeSpan.FromMinutes(5)));
        }
        await server.Logs.WaitForAsync("AttemptSettled", 3);
        (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries");
        var entries = log.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal("[redacted]", e.GetProperty("requestHeaders").GetProperty("Authorization").GetString());
            Assert.Equal("[redacted]", e.GetProperty("requestHeaders").GetProperty("X-Tenant").GetString());
        });
        Assert.DoesNotContain("tok_receiver", log.GetRawText(), StringComparison.Ordinal);
        // Encrypted at rest like the signing secret, and in no log line.
        Assert.DoesNotContain(await RedisDump.AllAsync(redis, server.Prefix), kv => kv.Value.Contains("tok_receiver", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("tok_receiver", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patch_replaces_the_headers_and_null_removes_them()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = receiver.Url().ToString(), events = new[] { "link.clicked" }, headers = new { Authorization = Token } });
        string id = created.GetProperty("id").GetString()!;
        await using var publisher = server.Publisher();

        var (status, patched) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{id}", """{"headers": {"X-Api-Key": "key_2"}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["X-Api-Key"], patched.GetProperty("headers").EnumerateObject().Select(h => h.Name));
        await publisher.PublishAsync(TestEvents.Create("evt_patched"));
        var afterPatch = await receiver.NextAsync();

        (status, var cleared) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{id}", """{"headers": null}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(cleared.TryGetProperty("headers", out _));
        await publisher.PublishAsync(TestEvents.Create("evt_cleared"));
        var afterClear = await receiver.NextAsync();

        Assert.Equal("key_2", afterPatch.Header("X-Api-Key"));
        Assert.Null(afterPatch.Header("Authorization"));
        Assert.Null(afterClear.Header("X-Api-Key"));
    }

    public static TheoryData<string, string, string> RefusedHeaders => new()
    {
        { """{"CD4CD-Signature": "t=1,v1=00"}""", "RESERVED_HEADER", "CD4CD-Signature" },
        { """{"webhook-id": "evt_forged"}""", "RESERVED_HEADER", "webhook-id" },
        { """{"X-Awsys-Event-Id": "evt_forged"}""", "RESERVED_HEADER", "X-Awsys-Event-Id" },
        { """{"content-type": "text/plain"}""", "RESERVED_HEADER", "content-type" },
        { """{"Host": "internal.example"}""", "RESERVED_HEADER", "Host" },
        { """{"Content-Length": "1"}""", "RESERVED_HEADER", "Content-Length" },
        { """{"Transfer-Encoding": "chunked"}""", "RESERVED_HEADER", "Transfer-Encoding" },
        { """{"Connection": "close"}""", "RESERVED_HEADER", "Connection" },
        { """{"User-Agent": "me"}""", "RESERVED_HEADER", "User-Agent" },
        { """{"Bad Name": "x"}""", "INVALID_HEADER", "Bad Name" },
        { """{"X-Split": "a\r\nX-Injected: 1"}""", "INVALID_HEADER", "X-Split" },
        { """{"X-Number": 5}""", "INVALID_HEADER", "X-Number" },
        { """{"X-Empty": ""}""", "INVALID_HEADER", "X-Empty" },
        { """{"X-Twice": "a", "x-twice": "b"}""", "INVALID_HEADER", "x-twice" },
        { "[\"Authorization\"]", "INVALID_HEADER", "" },
        { "{" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"X-H{i}\": \"v\"")) + "}", "INVALID_HEADER", "" },
        { $$"""{"X-Long": "{{new string('a', 4097)}}"}""", "INVALID_HEADER", "X-Long" },
    };

    [Theory]
    [MemberData(nameof(RefusedHeaders))]
    public async Task Headers_that_would_override_ours_or_are_malformed_are_refused_by_name_and_nothing_changes(
        string headers, string code, string named)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var (_, existing) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "http://127.0.0.1:9/hook", events = new[] { "link.clicked" }, headers = new { Authorization = Token } });
        string id = existing.GetProperty("id").GetString()!;
        var before = await RedisDump.AllAsync(redis, server.Prefix);

        var (createStatus, createError) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            $$"""{"endpoint": "http://127.0.0.1:9/other", "events": ["link.clicked"], "headers": {{headers}}}""");
        var (patchStatus, patchError) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{id}", $$"""{"headers": {{headers}}}""");

        foreach (var (status, error) in new[] { (createStatus, createError), (patchStatus, patchError) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetString());
            string message = error.GetProperty("error").GetProperty("message").GetString()!;
            if (named.Length > 0)
            {
                Assert.Contains($"'{named}'", message, StringComparison.Ordinal);
                Assert.Equal([named], error.GetProperty("error").GetProperty("invalid").EnumerateArray().Select(v => v.GetString()));
            }
            Assert.DoesNotContain("X-Injected", message, StringComparison.Ordinal);
        }
        Assert.Equal(before, await RedisDump.AllAsync(redis, server.Prefix));
    }

    [Fact]
    public async Task A_record_written_before_custom_headers_reads_as_having_none_and_still_delivers()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var created = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        // What a record written before this field existed looks like: no headers field at all.
        Assert.True(await redis.Db.HashDeleteAsync($"{server.Prefix}:{{ws:{DispatcherTestServer.Workspace}}}:wh:{created.Id}", "headers"));

        var (status, fetched) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{created.Id}");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_before_headers"));
        var delivered = await receiver.NextAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("enabled", fetched.GetProperty("status").GetString());
        Assert.False(fetched.TryGetProperty("headers", out _));
        Assert.True(WebhookSignature.Verify(created.Secret, delivered.Header("CD4CD-Signature"), delivered.Body, TimeSpan.FromMinutes(5)));
    }

    private static void AssertRedacted(JsonElement webhook)
    {
        var headers = webhook.GetProperty("headers");
        Assert.Equal(["Authorization", "X-Tenant", "Content-Language"], headers.EnumerateObject().Select(h => h.Name));
        Assert.All(headers.EnumerateObject(), h => Assert.Equal("[redacted]", h.Value.GetString()));
        Assert.DoesNotContain("tok_receiver", webhook.GetRawText(), StringComparison.Ordinal);
    }
}
