using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>Bad events and bad producer keys get a clear answer and write nothing to Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class IngestRejectionTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Each_bad_event_is_rejected_on_its_own_with_its_reason_and_the_stream_stays_open()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        var before = await redis.KeysAsync(server.Prefix);

        using var channel = GrpcChannel.ForAddress(server.Grpc);
        var client = new EventIngest.EventIngestClient(channel);
        using var call = client.Publish(new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } });
        var bad = new PublishRequest();
        bad.Events.Add(TestEvents.Create("evt_unknown", type: "link.teleported"));
        bad.Events.Add(TestEvents.Create("evt_not_json", data: "not json {"));
        bad.Events.Add(TestEvents.Create("evt_array", data: "[1,2]"));
        bad.Events.Add(TestEvents.Create("", data: "{}"));
        bad.Events.Add(TestEvents.Create("evt_no_ws", workspace: ""));
        var invalidUtf8 = TestEvents.Create("evt_bad_utf8");
        invalidUtf8.Data = ByteString.CopyFrom(0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D); // {"a":"<0xFF>"}
        bad.Events.Add(invalidUtf8);
        await call.RequestStream.WriteAsync(bad);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var acks = call.ResponseStream.Current.Acks;

        Assert.All(acks, a => Assert.Equal(AckStatus.Rejected, a.Status));
        Assert.Equal(
            [RejectReason.UnknownEventType, RejectReason.InvalidData, RejectReason.InvalidData, RejectReason.MissingId,
             RejectReason.MissingWorkspace, RejectReason.InvalidData],
            acks.Select(a => a.Reason));
        Assert.Contains("link.teleported", acks[0].Message);
        Assert.All(acks, a => Assert.False(string.IsNullOrWhiteSpace(a.Message)));
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));

        // The same stream still takes good events, beside a bad one in the same request.
        var mixed = new PublishRequest();
        mixed.Events.Add(TestEvents.Create("evt_good"));
        mixed.Events.Add(TestEvents.Create("evt_bad", type: "nope"));
        await call.RequestStream.WriteAsync(mixed);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal([AckStatus.Accepted, AckStatus.Rejected], call.ResponseStream.Current.Acks.Select(a => a.Status));
        await call.RequestStream.CompleteAsync();
        Assert.Contains("evt_good", (await receiver.NextAsync()).BodyText);
    }

    [Fact]
    public async Task Oversized_data_is_rejected_as_payload_too_large()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Ingest:MaxEventBytes"] = "64" });
        var before = await redis.KeysAsync(server.Prefix);
        await using var publisher = server.Publisher();

        var result = await publisher.PublishAsync(TestEvents.Create("evt_big", data: "{\"pad\":\"" + new string('x', 100) + "\"}"));

        Assert.Equal(RejectReason.PayloadTooLarge, result.Reason);
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong_producer_key")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("Bearer " + DispatcherTestServer.ApiKey)]
    public async Task Missing_or_wrong_producer_key_ends_the_call_unauthenticated_and_writes_nothing(string? authorization)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var before = await redis.KeysAsync(server.Prefix);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        var client = new EventIngest.EventIngestClient(channel);
        var headers = new Metadata();
        if (authorization is not null)
        {
            headers.Add("authorization", authorization);
        }

        using var call = client.Publish(headers);
        var request = new PublishRequest();
        request.Events.Add(TestEvents.Create("evt_unauth"));
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(request);
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("producer key", ex.Status.Detail);
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }
}
