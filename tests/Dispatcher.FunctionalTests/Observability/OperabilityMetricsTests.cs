using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Observability;

/// <summary>
/// The operability instruments in a /metrics scrape after a known workload: ack latency, due-to-sent
/// lag, limiter waits, leases, Redis round trips, backlog and webhooks by status.
/// </summary>
[Collection(TimedCollection.Name)]
public sealed class OperabilityMetricsTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> FastSampling = new()
    {
        ["Dispatcher:Telemetry:SampleInterval"] = "00:00:00.2",
        ["Logging:LogLevel:Dispatcher.Server.Observability"] = "Debug",
    };

    [Fact]
    public async Task A_known_workload_shows_in_the_new_instruments()
    {
        await using var receiver = await TestReceiver.StartAsync();
        // One token a burst and one a second: of three deliveries sent together, two wait for a token.
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>(FastSampling)
        {
            ["Dispatcher:Delivery:RatePerSecond"] = "1",
            ["Dispatcher:Delivery:Burst"] = "1",
        });
        var api = server.Api();
        await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        var disabled = await api.CreateWebhookAsync(receiver.Url("/other"), "qr.scanned");
        await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{disabled.Id}/disable");

        // Two PublishRequests (two events, then one): two acks, three deliveries.
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = new EventIngest.EventIngestClient(channel).Publish(
            new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } });
        foreach (string[] ids in new[] { new[] { "evt_o1", "evt_o2" }, ["evt_o3"] })
        {
            var request = new PublishRequest();
            request.Events.AddRange(ids.Select(id => TestEvents.Create(id)));
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        }
        await call.RequestStream.CompleteAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 3);
        await WaitForSamplesAsync(server, "WebhookCensusCompleted");

        string scrape = await ScrapeAsync(server);
        Assert.Equal(2, Scrape.Sample(scrape, "dispatcher_ingest_ack_duration_seconds_count"));
        Assert.Equal(3, Scrape.Sample(scrape, "dispatcher_delivery_lag_seconds_count", "retry=\"false\""));
        Assert.Equal(2, Scrape.Sample(scrape, "dispatcher_delivery_limiter_wait_duration_seconds_count"));
        Assert.Equal(8, Scrape.Sample(scrape, "dispatcher_partitions_held"));
        Assert.Equal(8, Scrape.Sample(scrape, "dispatcher_partition_lease_changes_total", "change=\"acquired\""));
        Assert.True(Scrape.Sample(scrape, "dispatcher_partition_lease_renewals_total", "result=\"held\"") >= 8);
        Assert.True(Scrape.Sample(scrape, "db_client_operation_duration_seconds_count", "db_operation_name=\"PING\"") >= 1);
        Assert.Equal(1, Scrape.Sample(scrape, "dispatcher_webhooks", "status=\"enabled\""));
        Assert.Equal(1, Scrape.Sample(scrape, "dispatcher_webhooks", "status=\"disabled\""));
        // Everything was sent: no partition has a backlog.
        Assert.All(Scrape.Lines(scrape, "dispatcher_delivery_backlog"), line => Assert.Equal(0, Scrape.Value(line)));
        // Labels stay bounded: no ids, no URLs.
        Assert.DoesNotContain("evt_", scrape);
        Assert.DoesNotContain("wh_", scrape);
        Assert.DoesNotContain("127.0.0.1", scrape);
    }

    [Fact]
    public async Task Backlog_and_the_age_of_the_oldest_due_delivery_are_sampled_per_partition()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = (_, ct) => release.Task.WaitAsync(ct);
        // One delivery at a time, none queued behind it: the rest stay due in Redis.
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>(FastSampling)
        {
            ["Dispatcher:Delivery:ConcurrencyPerEndpoint"] = "1",
            ["Dispatcher:Delivery:EndpointQueueCapacity"] = "1",
        }, time: clock);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        foreach (string id in new[] { "evt_b1", "evt_b2", "evt_b3" })
        {
            await publisher.PublishAsync(TestEvents.Create(id));
        }
        await receiver.NextAsync();
        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForSamplesAsync(server, "TelemetrySampled");

        string scrape = await ScrapeAsync(server);
        string partition = $"partition=\"{server.PartitionOf(webhook.Id)}\"";
        Assert.Equal(2, Scrape.Sample(scrape, "dispatcher_delivery_backlog", partition, "state=\"due\""));
        // The one being sent is claimed: re-scored to its claim deadline, so it counts as scheduled.
        Assert.Equal(1, Scrape.Sample(scrape, "dispatcher_delivery_backlog", partition, "state=\"scheduled\""));
        Assert.Equal(5, Scrape.Sample(scrape, "dispatcher_delivery_oldest_due_age_seconds", partition));
        release.SetResult(200);
    }

    /// <summary>Waits for two more samples, so one began after the state the test set up.</summary>
    private static async Task WaitForSamplesAsync(DispatcherTestServer server, string eventName)
    {
        int seen = server.Logs.Entries.Count(e => e.Id.Name == eventName);
        await server.Logs.WaitForAsync(eventName, seen + 2);
    }

    private async Task<string> ScrapeAsync(DispatcherTestServer server)
    {
        using var http = new HttpClient { BaseAddress = server.Http };
        string scrape = await http.GetStringAsync("/metrics");
        output.WriteLine(scrape);
        return scrape;
    }
}
