using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Events whose values used to throw inside ingest (and so end the stream for every event and
/// workspace in it) are each answered on their own; the rest of the request is accepted.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class PoisonEventTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_created_at_no_timestamp_can_hold_is_rejected_alone_and_the_stream_stays_open()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = new EventIngest.EventIngestClient(channel)
            .Publish(new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } });
        var request = new PublishRequest();
        request.Events.Add(TestEvents.Create("evt_before"));
        // A producer writing Unix milliseconds into seconds: the year 57,000.
        request.Events.Add(WithCreatedAt("evt_ms_as_seconds", 1_778_650_920_123, 0));
        request.Events.Add(WithCreatedAt("evt_negative_nanos", 1_778_650_920, -1));
        request.Events.Add(WithCreatedAt("evt_nanos_overflow", 1_778_650_920, 1_000_000_000));
        request.Events.Add(WithCreatedAt("evt_before_year_1", long.MinValue, 0));
        request.Events.Add(TestEvents.Create("evt_after", workspace: DispatcherTestServer.OtherWorkspace));

        await call.RequestStream.WriteAsync(request);
        var acks = await NextAsync(call);

        Assert.Equal(
            [AckStatus.Accepted, AckStatus.Rejected, AckStatus.Rejected, AckStatus.Rejected, AckStatus.Rejected, AckStatus.Accepted],
            acks.Select(a => a.Status));
        Assert.All(acks.Skip(1).Take(4), a => Assert.Equal(RejectReason.InvalidCreatedAt, a.Reason));
        Assert.Contains("milliseconds", acks[1].Message);
        Assert.Contains("nanos", acks[2].Message);
        var keys = await redis.KeysAsync(server.Prefix);
        Assert.Contains(server.HomeKey(DispatcherTestServer.Workspace, "evt_before"), keys);
        Assert.DoesNotContain(keys, k => k.Contains("evt_ms_as_seconds") || k.Contains("nanos") || k.Contains("year_1"));

        // The same stream takes the next request.
        var next = new PublishRequest();
        next.Events.Add(TestEvents.Create("evt_next"));
        await call.RequestStream.WriteAsync(next);
        Assert.Equal(AckStatus.Accepted, Assert.Single(await NextAsync(call)).Status);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task A_click_whose_link_id_is_a_lone_surrogate_is_counted_without_ending_the_stream()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        // Only a workspace subscribed to the aggregate reads the link id at ingest.
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked.aggregated");
        await using var publisher = server.Publisher();

        // JSON (and JavaScript) accept "\ud800"; .NET's GetString refuses to transcode it.
        var lone = await publisher.PublishAsync(TestEvents.Create("evt_lone_surrogate", data: """{"linkId":"\ud800"}"""))
            .WaitAsync(TimeSpan.FromSeconds(15));
        var after = await publisher.PublishAsync(TestEvents.Create("evt_after_surrogate")).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(Client.Publishing.PublishStatus.Accepted, lone.Status);
        Assert.Equal(Client.Publishing.PublishStatus.Accepted, after.Status);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    private static Event WithCreatedAt(string id, long seconds, int nanos)
    {
        var evt = TestEvents.Create(id);
        evt.CreatedAt = new Timestamp { Seconds = seconds, Nanos = nanos };
        return evt;
    }

    private static async Task<Google.Protobuf.Collections.RepeatedField<EventAck>> NextAsync(AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the server ended the stream instead of answering the request");
        return call.ResponseStream.Current.Acks;
    }
}
