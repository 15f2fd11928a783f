using System.Diagnostics;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>CD4CD's whole schedule, 1 minute to 24 hours, on a fake clock against real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class FullScheduleTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly int[] Steps = [60, 300, 900, 3600, 21600, 86400];

    [Fact]
    public async Task Each_retry_arrives_at_its_offset_and_the_delivery_ends_failed_after_seven_attempts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        var wall = Stopwatch.StartNew();

        await publisher.PublishAsync(TestEvents.Create("evt_full_schedule"));
        await receiver.NextAsync();
        for (int step = 0; step < Steps.Length; step++)
        {
            await server.Logs.WaitForAsync("RetryScheduled", step + 1);
            // Jitter lengthens a step by at most 10%.
            clock.Advance(TimeSpan.FromSeconds(Steps[step] * 1.1 + 1));
            await receiver.NextAsync();
        }
        await server.Logs.WaitForAsync("DeliveryFailed");
        await server.Logs.WaitForAsync("AttemptSettled", Steps.Length + 1);
        wall.Stop();

        // Each attempt is signed at its send time: the gaps are the steps, plus at most 10% (+1 s).
        var stamps = receiver.All.Select(r => long.Parse(r.Header("CD4CD-Signature")!.Split(',')[0][2..])).ToArray();
        Assert.Equal(Steps.Length + 1, stamps.Length);
        for (int step = 0; step < Steps.Length; step++)
        {
            Assert.InRange(stamps[step + 1] - stamps[step], Steps[step], (long)(Steps[step] * 1.1) + 2);
        }
        var (_, log) = await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}/deliveries?limit=1");
        var last = log.GetProperty("data")[0];
        Assert.Equal("failed", last.GetProperty("outcome").GetString());
        Assert.Equal(7, last.GetProperty("attempt").GetInt32());
        output.WriteLine($"24+ hours of schedule took {wall.ElapsedMilliseconds} ms of wall time");
    }
}
