using System.Net.Http.Headers;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>Guarantee 1: killing a server process at any moment loses no acknowledged event.</summary>
[Collection(RedisCollection.Name)]
public sealed class CrashRecoveryTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_server_killed_mid_flight_loses_nothing_acknowledged_and_doubles_at_most_its_claims()
    {
        const int events = 300; // six seconds of delivery at 50/s: the kill lands mid-flight
        const int capacity = 16;
        var settings = new Dictionary<string, string>
        {
            // Short claims so the test need not wait a minute: 1 s × (16 / 4 + 1) = 5 s < 6 s.
            ["Dispatcher__Delivery__RequestTimeout"] = "00:00:01",
            ["Dispatcher__Delivery__ClaimTimeout"] = "00:00:06",
            ["Dispatcher__Delivery__EndpointQueueCapacity"] = capacity.ToString(),
            // The killed process cannot release its leases: the next one takes them when they expire.
            ["Dispatcher__Partitions__LeaseTtl"] = "00:00:03",
        };
        string prefix = RedisServerFixture.NewPrefix();
        await using var receiver = await TestReceiver.StartAsync();
        var first = await ServerProcess.StartAsync(redis, prefix, output, settings);
        await using (first)
        {
            using var api = new HttpClient { BaseAddress = first.Http };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DispatcherTestServer.ApiKey);
            // Standard Webhooks is silent on timeouts, so the deployment's short one applies.
            await api.CreateFormatWebhookAsync(receiver.Url(), "standard-webhooks", "link.clicked");
            await using var publisher = new DispatcherPublisher(new PublisherOptions { Address = first.Grpc, ProducerKey = DispatcherTestServer.ProducerKey });
            var acks = await Task.WhenAll(Enumerable.Range(0, events).Select(i => publisher.PublishAsync(TestEvents.Create($"evt_kill_{i}"))));
            Assert.All(acks, a => Assert.Equal(PublishStatus.Accepted, a.Status));

            for (int i = 0; i < 60; i++)
            {
                await receiver.NextAsync();
            }
            first.Kill();
        }
        int beforeRestart = receiver.All.Count;

        await using var second = await ServerProcess.StartAsync(redis, prefix, output, settings);
        var ids = new HashSet<string>(receiver.All.Select(EventId));
        while (ids.Count < events)
        {
            ids.Add(EventId(await receiver.NextAsync(TimeSpan.FromSeconds(30))));
        }

        int duplicates = receiver.All.Count - ids.Count;
        output.WriteLine($"killed after {beforeRestart} deliveries; {events} of {events} delivered after restart with {duplicates} duplicates");
        Assert.InRange(duplicates, 0, capacity);
    }

    private static string EventId(ReceivedRequest request) => request.Header("webhook-id")!;
}
