using System.Diagnostics.Metrics;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Several requests of one stream are in flight at once, and answered in the order they came. The
/// first request is held in Redis by WAIT (Dispatcher:Ingest:WaitForReplicas with no replica yet), on
/// a primary of this test's own, until the test attaches one.
/// </summary>
public sealed class IngestConcurrencyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RedisServerFixture _primary = new();

    public Task InitializeAsync() => _primary.InitializeAsync();

    public Task DisposeAsync() => _primary.DisposeAsync();

    [Fact]
    public async Task A_request_held_in_Redis_does_not_stop_the_next_of_its_stream_and_the_answers_keep_their_order()
    {
        await using var server = await DispatcherTestServer.StartAsync(_primary, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Ingest:WaitForReplicas"] = "1",
            ["Dispatcher:Ingest:WaitForReplicasTimeout"] = "00:01:00",
        });
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = OnRefusal(server, refused);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = new EventIngest.EventIngestClient(channel)
            .Publish(new Metadata { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } });
        var held = new PublishRequest();
        held.Events.Add(TestEvents.Create("evt_held"));
        // Refused by validation alone: processing it needs no Redis, so nothing but the stream can hold it up.
        var next = new PublishRequest();
        next.Events.Add(TestEvents.Create("evt_next", type: "no.such.type"));

        await call.RequestStream.WriteAsync(held);
        await call.RequestStream.WriteAsync(next);
        var firstAnswer = call.ResponseStream.MoveNext(CancellationToken.None);

        // One request at a time, the second would be read only after the first was answered.
        await refused.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(firstAnswer.IsCompleted, "the held request was answered before any replica could confirm it");

        await using var replica = await RedisReplica.StartAsync(_primary.Port);
        Assert.True(await firstAnswer.WaitAsync(TimeSpan.FromSeconds(30)));
        var first = Assert.Single(call.ResponseStream.Current.Acks);
        Assert.Equal(("evt_held", AckStatus.Accepted), (first.Id, first.Status));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var second = Assert.Single(call.ResponseStream.Current.Acks);
        Assert.Equal(("evt_next", AckStatus.Rejected, RejectReason.UnknownEventType), (second.Id, second.Status, second.Reason));
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None), "the server answered more than was asked");
    }

    /// <summary>Completes <paramref name="refused"/> when this server counts a refused event.</summary>
    private static MeterListener OnRefusal(DispatcherTestServer server, TaskCompletionSource refused)
    {
        var scope = server.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == scope && instrument.Name == "dispatcher.ingest.events")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "outcome", Value: "rejected" })
                {
                    refused.TrySetResult();
                }
            }
        });
        listener.Start();
        return listener;
    }
}
