using System.Net;
using System.Text.Json;
using Dispatcher.Client.Publishing;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>webhook.test: on create and on POST /v1/webhooks/{id}/test, to that webhook only, one attempt, never counted.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class WebhookTestEventTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> TestEventOnCreate = new() { ["Dispatcher:Webhooks:TestEventOnCreate"] = "true" };

    [Fact]
    public async Task A_new_webhook_gets_a_signed_test_event_at_once_and_another_on_request()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var bystander = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, TestEventOnCreate);
        var api = server.Api();
        var other = await api.CreateWebhookAsync(bystander.Url(), "link.clicked");
        await bystander.NextAsync();

        // Subscribed to link.clicked only: the test goes to it anyway, and to no other webhook.
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        var onCreate = await receiver.NextAsync();

        using (var json = JsonDocument.Parse(onCreate.Body))
        {
            Assert.Equal("webhook.test", json.RootElement.GetProperty("type").GetString());
            Assert.Equal(webhook.Id, json.RootElement.GetProperty("data").GetProperty("webhook_id").GetString());
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("data").GetProperty("message").GetString()));
        }
        Assert.True(WebhookSignature.Verify(webhook.Secret, onCreate.Header("CD4CD-Signature"), onCreate.Body, TimeSpan.FromMinutes(5)));

        var (status, queued) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/test");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("webhook.test", queued.GetProperty("type").GetString());
        var onRequest = await receiver.NextAsync();
        using (var json = JsonDocument.Parse(onRequest.Body))
        {
            string eventId = json.RootElement.GetProperty("id").GetString()!;
            Assert.Equal(queued.GetProperty("id").GetString(), eventId);
            Assert.DoesNotContain(eventId, onCreate.BodyText);
        }

        // The bystander got its own create-time test and nothing else; both tests are in the delivery log.
        await server.Logs.WaitForAsync("AttemptSettled", 3);
        Assert.Single(bystander.All);
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        Assert.Equal(2, log.GetProperty("data").GetArrayLength());
        Assert.NotEqual(other.Id, webhook.Id);
    }

    [Fact]
    public async Task A_failing_test_event_gets_one_attempt_and_never_changes_the_webhook_status()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        // One failed delivery would disable a webhook: a test event must not count as one.
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>(TestEventOnCreate)
        {
            ["Dispatcher:Delivery:DisableAfterFailures"] = "1",
        }, clock);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await receiver.NextAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/test")).Status);
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 2);

        var (_, fetched) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal("enabled", fetched.GetProperty("status").GetString());
        Assert.Equal(0, (int)await redis.Db.HashGetAsync($"{server.Prefix}:{{ws:{DispatcherTestServer.Workspace}}}:wh:{webhook.Id}", "failures"));
        // No retry waits in the schedule: one attempt each.
        Assert.Equal(0, await redis.Db.SortedSetLengthAsync(server.PartitionKey(webhook.Id, "q")));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Id.Name is "RetryScheduled" or "DeliveryFailed" or "WebhookDisabled");

        // Real deliveries still flow (and a later hour brings no retry of the tests).
        receiver.Respond = (_, _) => Task.FromResult(200);
        clock.Advance(TimeSpan.FromHours(1));
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_after_tests"));
        Assert.Contains("evt_after_tests", (await receiver.NextAsync()).BodyText);
        Assert.Equal(3, receiver.All.Count);
    }

    [Fact]
    public async Task A_test_event_takes_a_rate_token_like_any_attempt()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, TestEventOnCreate);
        await using var publisher = server.Publisher();
        // Warm the stream first, so the event below is queued right beside the test event.
        await publisher.PublishAsync(TestEvents.Create("evt_warm_up", type: "link.created"));

        // One token, one more per second: the test event and the event share it, so one of them waits.
        var (status, _) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            events = new[] { "link.clicked" },
            rateLimit = new { perSecond = 1, burst = 1 },
        });
        Assert.Equal(HttpStatusCode.Created, status);
        await publisher.PublishAsync(TestEvents.Create("evt_beside_test"));
        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();

        Assert.Single(new[] { first, second }, r => r.BodyText.Contains("webhook.test"));
        Assert.Single(new[] { first, second }, r => r.BodyText.Contains("evt_beside_test"));
        // 100 ms of arrival jitter allowed, as in the rate tests.
        Assert.True(second.ReceivedAt - first.ReceivedAt >= TimeSpan.FromMilliseconds(900),
            $"the second delivery came {(second.ReceivedAt - first.ReceivedAt).TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task Producers_cannot_publish_webhook_test_and_webhooks_cannot_subscribe_to_it()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var publisher = server.Publisher();

        var ack = await publisher.PublishAsync(TestEvents.Create("evt_fake_test", type: "webhook.test"));
        var (status, error) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://hooks.example.com/h", events = new[] { "webhook.test" } });

        Assert.Equal(PublishStatus.Rejected, ack.Status);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_EVENTS", error.GetProperty("error").GetProperty("code").GetString());
    }
}
