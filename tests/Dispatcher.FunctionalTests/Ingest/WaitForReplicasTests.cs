using Dispatcher.Client.Publishing;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Dispatcher:Ingest:WaitForReplicas: an event is acknowledged only once a replica holds it, and
/// without enough replicas nothing is acknowledged but nothing is lost. Each test has its own
/// primary, as a replica attached to the shared one would copy every other test's keys.
/// </summary>
public sealed class WaitForReplicasTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RedisServerFixture _primary = new();

    public Task InitializeAsync() => _primary.InitializeAsync();

    public Task DisposeAsync() => _primary.DisposeAsync();

    [Fact]
    public async Task An_ack_waits_until_the_replica_holds_the_event()
    {
        await using var replica = await RedisReplica.StartAsync(_primary.Port);
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(_primary, output, Settings(TimeSpan.FromSeconds(5)));
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_replicated"))).Status);
        // Read on the replica right after the ack: WAIT already saw it confirm these writes.
        Assert.True(await replica.Db.KeyExistsAsync(DedupeKey(server, "evt_replicated")));
        Assert.True(await replica.Db.KeyExistsAsync(EventBodyKey(server, webhook.Id, "evt_replicated")));

        await replica.FreezeAsync();
        Task<PublishResult> pending;
        try
        {
            pending = publisher.PublishAsync(TestEvents.Create("evt_while_frozen"));
            // Its delivery shows the primary holds it (the engine works on another connection than
            // ingest's WAIT); the replica cannot have confirmed it, so it must not be acknowledged yet.
            await NextDeliveryOfAsync(receiver, "evt_while_frozen");
            Assert.False(pending.IsCompleted, "an event was acknowledged while the only replica could not hold it");
        }
        finally
        {
            await replica.ThawAsync();
        }

        Assert.Equal(PublishStatus.Accepted, (await pending.WaitAsync(TimeSpan.FromSeconds(30))).Status);
        Assert.True(await replica.Db.KeyExistsAsync(DedupeKey(server, "evt_while_frozen")));
        Assert.True(await replica.Db.KeyExistsAsync(EventBodyKey(server, webhook.Id, "evt_while_frozen")));
    }

    [Fact]
    public async Task Without_the_replica_nothing_is_acknowledged_and_the_sdk_resends_until_it_is_back()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(_primary, output, Settings(TimeSpan.FromMilliseconds(200)));
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        // Re-sends stay close together, so the one after the replica is back comes at once.
        await using var publisher = new DispatcherPublisher(new PublisherOptions
        {
            Address = server.Grpc,
            ProducerKey = DispatcherTestServer.ProducerKey,
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        });

        using (var channel = GrpcChannel.ForAddress(server.Grpc))
        {
            var client = new EventIngest.EventIngestClient(channel);
            using var call = client.Publish(new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } });
            var request = new PublishRequest();
            request.Events.Add(TestEvents.Create("evt_unreplicated"));
            await call.RequestStream.WriteAsync(request);
            var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
            Assert.Contains("WaitForReplicas", ex.Status.Detail, StringComparison.Ordinal);
        }
        await server.Logs.WaitForAsync("IngestReplicasBehind");

        var pending = publisher.PublishAsync(TestEvents.Create("evt_sdk_resent"));
        // The SDK's own request was refused too (a second warning), and it keeps the event to re-send.
        await server.Logs.WaitForAsync("IngestReplicasBehind", occurrences: 2, timeout: TimeSpan.FromSeconds(30));
        Assert.False(pending.IsCompleted, "an event was acknowledged with no replica to hold it");

        await using var replica = await RedisReplica.StartAsync(_primary.Port);
        // The primary kept the first write, so the re-send finds its home body (the dedupe marker); either answer means it is kept.
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.Status is PublishStatus.Accepted or PublishStatus.Duplicate, $"the re-sent event was answered {result.Status}");
        Assert.True(await replica.Db.KeyExistsAsync(DedupeKey(server, "evt_sdk_resent")));
        await NextDeliveryOfAsync(receiver, "evt_sdk_resent");
    }

    private static Dictionary<string, string?> Settings(TimeSpan timeout) => new()
    {
        ["Dispatcher:Ingest:WaitForReplicas"] = "1",
        ["Dispatcher:Ingest:WaitForReplicasTimeout"] = timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string DedupeKey(DispatcherTestServer server, string eventId) =>
        server.HomeKey(DispatcherTestServer.Workspace, eventId);

    private static string EventBodyKey(DispatcherTestServer server, string webhookId, string eventId) =>
        $"{server.Prefix}:{{p:{server.PartitionOf(webhookId)}}}:ev:{DispatcherTestServer.Workspace}:{eventId}";

    private static async Task NextDeliveryOfAsync(TestReceiver receiver, string eventId)
    {
        ReceivedRequest delivery;
        do
        {
            delivery = await receiver.NextAsync(TimeSpan.FromSeconds(30));
        }
        while (!delivery.BodyText.Contains(eventId, StringComparison.Ordinal));
    }
}
