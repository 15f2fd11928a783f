using System.Text;
using Dispatcher.Client.Publishing;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// The server's request limits follow its ingest options, the SDK batches under them, and a
/// request the server refuses fails its own events once instead of being re-sent forever.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class IngestLimitTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_request_of_valid_max_size_events_past_grpcs_default_4_MB_is_accepted()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = new EventIngest.EventIngestClient(channel)
            .Publish(new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } });
        var request = new PublishRequest();
        for (int i = 0; i < 20; i++)
        {
            request.Events.Add(TestEvents.Create($"evt_big_{i}", data: DataOf(256 * 1024)));
        }
        Assert.True(request.CalculateSize() > 4 * 1024 * 1024);

        await call.RequestStream.WriteAsync(request);
        using var timeout = new CancellationTokenSource(Wait);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the server ended the stream instead of answering");

        Assert.All(call.ResponseStream.Current.Acks, a => Assert.Equal(AckStatus.Accepted, a.Status));
        Assert.Equal(20, call.ResponseStream.Current.Acks.Count);
    }

    [Fact]
    public async Task The_sdk_splits_batches_by_bytes_so_many_large_events_are_all_accepted()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var publisher = server.Publisher();

        // 40 × 200 KB: one count-only batch would be 8 MB.
        var results = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => publisher.PublishAsync(TestEvents.Create($"evt_split_{i}", data: DataOf(200 * 1024)))))
            .WaitAsync(Wait);

        Assert.All(results, r => Assert.Equal(PublishStatus.Accepted, r.Status));
    }

    [Fact]
    public async Task A_request_over_max_events_fails_its_events_and_the_window_and_stream_carry_on()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Ingest:MaxEventsPerRequest"] = "1" });
        await using var publisher = new DispatcherPublisher(new PublisherOptions
        {
            Address = server.Grpc, ProducerKey = DispatcherTestServer.ProducerKey, MaxUnacknowledged = 50,
        });

        // The SDK batches up to 500: queued at once, these go out in requests the server finds too long.
        var first = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => publisher.PublishAsync(TestEvents.Create($"evt_long_{i}"))))
            .WaitAsync(Wait);
        // The whole window again: the refused events gave their slots back.
        var second = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => publisher.PublishAsync(TestEvents.Create($"evt_again_{i}"))))
            .WaitAsync(Wait);

        var refused = first.Concat(second).Where(r => r.Status == PublishStatus.Rejected).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(RejectReason.TooManyEvents, r.Reason));
        Assert.Contains("MaxEventsPerRequest", refused[0].Message);
        Assert.All(first.Concat(second).Except(refused), r => Assert.Equal(PublishStatus.Accepted, r.Status));
        var keys = await redis.KeysAsync(server.Prefix);
        Assert.All(refused, r => Assert.DoesNotContain(server.HomeKey(r.WorkspaceId, r.Id), keys));
    }

    [Fact]
    public async Task A_request_larger_than_the_servers_receive_limit_fails_its_events_once_and_the_publisher_carries_on()
    {
        // Receive limit 4,048 bytes; the SDK, left at its defaults, does not know it.
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Ingest:MaxEventBytes"] = "1000",
            ["Dispatcher:Ingest:MaxRequestBytes"] = "4048",
        });
        await using var publisher = server.Publisher();

        var refused = await publisher.PublishAsync(TestEvents.Create("evt_too_large", data: DataOf(10_000))).WaitAsync(Wait);
        var after = await publisher.PublishAsync(TestEvents.Create("evt_small")).WaitAsync(Wait);

        Assert.Equal((PublishStatus.Rejected, RejectReason.RequestTooLarge), (refused.Status, refused.Reason));
        Assert.Contains("too large", refused.Message);
        Assert.Equal(PublishStatus.Accepted, after.Status);
        Assert.DoesNotContain(server.HomeKey(DispatcherTestServer.Workspace, "evt_too_large"), await redis.KeysAsync(server.Prefix));
    }

    [Fact]
    public async Task An_event_larger_than_allowed_is_refused_by_the_sdk_before_it_is_sent()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var publisher = server.Publisher();
        var before = await redis.KeysAsync(server.Prefix);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            publisher.PublishAsync(TestEvents.Create("evt_over_limit", data: DataOf(256 * 1024 + 1))).WaitAsync(Wait));

        Assert.Contains("MaxEventBytes", ex.Message);
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_fits")).WaitAsync(Wait)).Status);
    }

    /// <summary>A JSON object of exactly <paramref name="bytes"/> bytes.</summary>
    private static string DataOf(int bytes)
    {
        const string Head = "{\"pad\":\"", Tail = "\"}";
        return new StringBuilder(Head).Append('x', bytes - Head.Length - Tail.Length).Append(Tail).ToString();
    }
}
