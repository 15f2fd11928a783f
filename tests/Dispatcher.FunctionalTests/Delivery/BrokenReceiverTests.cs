using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>Receivers that hang past the timeout or drop the connection: failed attempts, retried on schedule.</summary>
[Collection(RedisCollection.Name)]
public sealed class BrokenReceiverTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_receiver_that_hangs_past_the_timeout_is_a_failed_attempt_then_succeeds_on_retry()
    {
        // The request timeout runs on the fake clock too: advancing it past 10 s ends the attempt.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = async (_, aborted) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }
            return 200;
        };
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_hang"));
        await receiver.NextAsync();
        clock.Advance(TimeSpan.FromSeconds(11));
        string retry = await server.Logs.WaitForAsync("RetryScheduled");
        Assert.Contains("no response within 10 s", retry);
        clock.Advance(TimeSpan.FromSeconds(67));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 2);

        var (_, log) = await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        Assert.Equal(["succeeded", "retrying"], log.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()));
        Assert.Contains("no response", log.GetProperty("data")[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_receiver_that_resets_the_connection_is_a_failed_attempt_then_succeeds_on_retry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Abort = _ => Interlocked.Increment(ref calls) == 1;
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_reset"));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("RetryScheduled");
        clock.Advance(TimeSpan.FromSeconds(67));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 2);

        var (_, log) = await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries");
        var attempts = log.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["succeeded", "retrying"], attempts.Select(e => e.GetProperty("outcome").GetString()));
        Assert.False(attempts[1].TryGetProperty("statusCode", out _));
        Assert.False(string.IsNullOrEmpty(attempts[1].GetProperty("error").GetString()));
    }
}
