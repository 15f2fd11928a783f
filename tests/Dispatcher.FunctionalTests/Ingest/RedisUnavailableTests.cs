using Dispatcher.Client.Publishing;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>Acknowledged means durable: with Redis down nothing is acknowledged, and the SDK re-sends.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisUnavailableTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task With_redis_down_publish_fails_unavailable_and_the_sdk_resends_once_it_is_back()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        Task<PublishResult> pending;

        // Redis is killed on purpose: the server says so once, and the health checks (polled by /readyz and the
        // gRPC health publisher) report Redis, and the lease loop past its TTL, Unhealthy at Error until it is back.
        server.ExpectErrors(ServerErrors.RedisConnectionLost);
        server.ExpectErrors(ServerErrors.Unhealthy("redis"));
        server.ExpectErrors(ServerErrors.Unhealthy("leases"));
        redis.StopProcess();
        try
        {
            using var channel = GrpcChannel.ForAddress(server.Grpc);
            var client = new EventIngest.EventIngestClient(channel);
            using var call = client.Publish(new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } });
            var request = new PublishRequest();
            request.Events.Add(TestEvents.Create("evt_while_down"));
            await call.RequestStream.WriteAsync(request);
            var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
            Assert.Contains(server.Logs.Entries, e => e.Id.Name == "IngestRedisUnavailable");

            // The SDK keeps the event and retries; it is not acknowledged while Redis is down.
            pending = publisher.PublishAsync(TestEvents.Create("evt_sdk_retry"));
            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            Assert.False(pending.IsCompleted, "an event was acknowledged while Redis was down");
        }
        finally
        {
            await redis.StartProcessAsync();
        }

        var result = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(PublishStatus.Accepted, result.Status);
        Assert.Contains("evt_sdk_retry", (await receiver.NextAsync(TimeSpan.FromSeconds(30))).BodyText);
        Assert.DoesNotContain(receiver.All, r => r.BodyText.Contains("evt_while_down"));
    }
}
