using System.Globalization;
using Dispatcher.Redis;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// A seeded fuzz pass over gRPC ingest: over a thousand malformed events, batched into a few
/// requests on one stream. Every event gets an answer, the stream stays open, the server logs no
/// error, and a refused event leaves nothing in Redis. Set DISPATCHER_FUZZ_SEED to replay a run.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class IngestFuzzTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Events = 1200;
    private const int PerRequest = 100;

    private static readonly Method<byte[], PublishResponse> RawPublish = new(
        MethodType.DuplexStreaming, "dispatcher.v1.EventIngest", "Publish",
        Marshallers.Create<byte[]>(bytes => bytes, bytes => bytes),
        Marshallers.Create<PublishResponse>(r => r.ToByteArray(), PublishResponse.Parser.ParseFrom));

    [Fact]
    public async Task Malformed_events_are_each_answered_on_an_open_stream_and_refused_ones_write_nothing()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("DISPATCHER_FUZZ_SEED"), CultureInfo.InvariantCulture, out int fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        output.WriteLine($"fuzz seed {seed} (replay: DISPATCHER_FUZZ_SEED={seed})");
        try
        {
            await RunAsync(seed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"fuzz seed {seed} (replay with DISPATCHER_FUZZ_SEED={seed}): {ex.Message}", ex);
        }
    }

    [Fact]
    public async Task Bytes_that_are_no_publish_request_end_the_call_invalid_argument_with_a_warning_and_write_nothing()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var before = await redis.KeysAsync(server.Prefix);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(RawPublish, null,
            new CallOptions(new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } }));

        // Field 1, length-delimited, claiming 100 bytes of which 3 follow: truncated.
        await call.RequestStream.WriteAsync([0x0A, 0x64, 0x01, 0x02, 0x03]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(timeout.Token));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("could not be decoded", ex.Status.Detail);
        await server.Logs.WaitForAsync("IngestRequestUndecodable");
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }

    private async Task RunAsync(int seed)
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        // Subscribed to the aggregate, workspace A makes ingest read each click's link id too.
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked.aggregated");
        var before = await redis.KeysAsync(server.Prefix);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(RawPublish, null,
            new CallOptions(new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } }));

        var inputs = new FuzzInputs(seed);
        var acks = new List<EventAck>(Events);
        for (int sent = 0; sent < Events; sent += PerRequest)
        {
            var batch = Enumerable.Range(sent, PerRequest).Select(inputs.Next).ToList();
            var answer = await RoundTripAsync(call, FuzzEventEncoder.Request(batch));
            Assert.Equal(batch.Count, answer.Acks.Count);
            acks.AddRange(answer.Acks);
        }
        // One request longer than the server takes: refused event by event, the stream carries on.
        var tooLong = await RoundTripAsync(call, FuzzEventEncoder.Request(Enumerable.Range(0, 1001).Select(i =>
            new FuzzEventEncoder.RawEvent("evt_long"u8.ToArray(), "link.clicked"u8.ToArray(), "ws_a"u8.ToArray(), null, "{}"u8.ToArray(), false))));
        Assert.All(tooLong.Acks, a => Assert.Equal(RejectReason.TooManyEvents, a.Reason));
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None), "the server answered more than was asked");
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);

        Assert.All(acks, a => Assert.True(a.Status is AckStatus.Accepted or AckStatus.Duplicate
            || (a.Status == AckStatus.Rejected && a.Reason != RejectReason.Unspecified && a.Message.Length > 0), $"unexpected ack {a}"));
        var rejected = acks.Where(a => a.Status == AckStatus.Rejected).ToList();
        var accepted = acks.Where(a => a.Status == AckStatus.Accepted).Select(a => (a.WorkspaceId, a.Id)).ToHashSet();
        output.WriteLine($"{acks.Count} events: {accepted.Count} accepted, {rejected.Count} rejected ({string.Join(", ",
            rejected.GroupBy(a => a.Reason).Select(g => $"{g.Key} {g.Count()}"))})");
        Assert.True(rejected.Count > Events / 2, "the generator should mostly produce bad events");

        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= LogLevel.Error);
        var written = (await redis.KeysAsync(server.Prefix)).Except(before).ToList();
        // Each accepted event leaves its body in its home partition (the dedupe marker), and event
        // bodies are written for accepted events only.
        Assert.All(accepted, a => Assert.Contains(server.HomeKey(a.WorkspaceId, a.Id), written));
        var acceptedTails = accepted.Select(a => $":ev:{KeyPart.Encode(a.WorkspaceId)}:{a.Id}").ToHashSet(StringComparer.Ordinal);
        Assert.All(written.Where(k => k.Contains(":ev:", StringComparison.Ordinal)),
            k => Assert.Contains(k[k.IndexOf(":ev:", StringComparison.Ordinal)..], acceptedTails));
        // Ids still carrying their event's unique token; ids the generator replaced (e.g. "*") are shared by several events.
        var acceptedIds = accepted.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var ack in rejected.Where(a => a.Id.StartsWith($"evt_fz_{seed}_", StringComparison.Ordinal) && !acceptedIds.Contains(a.Id)))
        {
            Assert.DoesNotContain(written, k => k.EndsWith(":" + ack.Id, StringComparison.Ordinal) || k.Contains(":" + ack.Id + ":", StringComparison.Ordinal));
        }
    }

    private static async Task<PublishResponse> RoundTripAsync(AsyncDuplexStreamingCall<byte[], PublishResponse> call, byte[] request)
    {
        await call.RequestStream.WriteAsync(request);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the server ended the stream instead of answering a request");
        return call.ResponseStream.Current;
    }
}
