using System.Net;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>What a receiver's answer does to its webhook: Retry-After pauses, 410 disables, enable resumes.</summary>
[Collection(RedisCollection.Name)]
public sealed class ReceiverOutcomeTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Theory]
    [InlineData(429, "120", 120)]
    [InlineData(503, "7200", 3600)] // capped at an hour
    public async Task Retry_after_pauses_the_endpoint_without_counting_an_attempt(int status, string retryAfter, int pausedSeconds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? status : 200);
        receiver.Headers = calls => calls == 1 ? new Dictionary<string, string> { ["Retry-After"] = retryAfter } : [];
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_paused"));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("WebhookPaused");
        var pausedAt = clock.GetUtcNow();
        // New work for a paused endpoint waits too.
        await publisher.PublishAsync(TestEvents.Create("evt_while_paused"));

        var ready = await redis.Db.SortedSetScoreAsync($"{server.Prefix}:{{p:{server.PartitionOf(webhook.Id)}}}:ready", webhook.Id);
        Assert.Equal(pausedAt.AddSeconds(pausedSeconds).ToUnixTimeMilliseconds(), (long)ready!.Value);
        Assert.Single(receiver.All);

        clock.Advance(TimeSpan.FromSeconds(pausedSeconds + 1));
        var bodies = new[] { (await receiver.NextAsync()).BodyText, (await receiver.NextAsync()).BodyText };
        Assert.Contains(bodies, b => b.Contains("evt_paused"));
        Assert.Contains(bodies, b => b.Contains("evt_while_paused"));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Id.Name == "RetryScheduled");
    }

    [Fact]
    public async Task Gone_disables_at_once_new_events_queue_and_enable_resumes_them()
    {
        await using var receiver = await TestReceiver.StartAsync();
        bool gone = true;
        receiver.Respond = (_, _) => Task.FromResult(Volatile.Read(ref gone) ? 410 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_gone"));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("WebhookDisabled");
        var (_, disabled) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal("disabled", disabled.GetProperty("status").GetString());
        Assert.Contains("410", disabled.GetProperty("statusReason").GetString());

        await publisher.PublishAsync(TestEvents.Create("evt_queued_while_disabled"));
        var queue = server.PartitionKey(webhook.Id, "q");
        Assert.Equal(2, await redis.Db.SortedSetLengthAsync(queue));
        Assert.Single(receiver.All);

        Volatile.Write(ref gone, false);
        var (status, enabled) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/enable");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("enabled", enabled.GetProperty("status").GetString());
        var bodies = new[] { (await receiver.NextAsync()).BodyText, (await receiver.NextAsync()).BodyText };
        Assert.Contains(bodies, b => b.Contains("evt_gone"));
        Assert.Contains(bodies, b => b.Contains("evt_queued_while_disabled"));
    }

    [Fact]
    public async Task Consecutive_failed_deliveries_disable_the_webhook_and_a_success_resets_the_count()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var answers = new Queue<int>([500, 200, 500, 500]);
        receiver.Respond = (_, _) => Task.FromResult(answers.TryDequeue(out int code) ? code : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Delivery:DisableAfterFailures"] = "2" });
        var api = server.Api();
        // No retries: each failed attempt is a failed delivery. One at a time, so the answers stay in order.
        var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            format = "standard-webhooks", // silent on disabling: the deployment's threshold applies
            events = new[] { "link.clicked" },
            retrySchedule = Array.Empty<int>(),
            rateLimit = new { perSecond = 1000, burst = 1 },
        });
        string id = created.GetProperty("id").GetString()!;
        await using var publisher = server.Publisher();

        for (int i = 0; i < 3; i++)
        {
            await publisher.PublishAsync(TestEvents.Create($"evt_fail_{i}"));
            await receiver.NextAsync();
            if (i == 0)
            {
                await server.Logs.WaitForAsync("DeliveryFailed", 1);
                var (_, failing) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}");
                Assert.Equal("failing", failing.GetProperty("status").GetString());
            }
        }
        // 500 (1 failure), 200 (reset), 500 (1 failure): still delivering.
        var (_, afterReset) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}");
        Assert.NotEqual("disabled", afterReset.GetProperty("status").GetString());

        await publisher.PublishAsync(TestEvents.Create("evt_fail_3"));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("WebhookDisabled");
        var (_, disabled) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}");
        Assert.Equal("disabled", disabled.GetProperty("status").GetString());
        Assert.Contains("2 consecutive", disabled.GetProperty("statusReason").GetString());
    }
}
