using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>A receiver that cuts its answer off mid-body: a failed attempt, never a dead sender.</summary>
[Collection(RedisCollection.Name)]
public sealed class CutResponseTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Cuts = 20;

    [Fact]
    public async Task A_receiver_that_cuts_20_answers_in_a_row_then_answers_gets_every_event()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // More cuts than the webhook has senders (4): each one used to end a sender for good.
        await using var receiver = new CuttingReceiver(Cuts);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url, "link.clicked");
        await using var publisher = server.Publisher();

        for (int i = 0; i < Cuts; i++)
        {
            await publisher.PublishAsync(TestEvents.Create($"evt_cut_{i}"));
        }
        string retry = await server.Logs.WaitForAsync("RetryScheduled", Cuts, TimeSpan.FromSeconds(30));
        Assert.Contains("cut off", retry);
        // Every first attempt was cut; the retries (60 s on, plus jitter) are answered.
        clock.Advance(TimeSpan.FromSeconds(67));
        await server.Logs.WaitForAsync("AttemptSettled", 2 * Cuts, TimeSpan.FromSeconds(30));

        var (_, log) = await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries?limit=100");
        var outcomes = log.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(Cuts, outcomes.Count(o => o == "succeeded"));
        Assert.Equal(Cuts, outcomes.Count(o => o == "retrying"));
        Assert.Equal(2 * Cuts, receiver.Requests);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Id.Name == "SenderRestarted");
    }
}
