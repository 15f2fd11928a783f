using System.Diagnostics;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Protocol.V1;
using Dispatcher.Server.Ingest;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Observability;

/// <summary>One trace from ingest to every delivery attempt, and the receiver gets its traceparent.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class TraceTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task The_receiver_gets_a_traceparent_of_the_ingest_spans_trace_from_the_attempt_span()
    {
        using var spans = new SpanCollector();
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_traced"));
        var delivered = await receiver.NextAsync();

        string traceparent = Assert.IsType<string>(delivered.Header("traceparent"));
        var traceId = ActivityTraceId.CreateFromString(traceparent.AsSpan(3, 32));
        var ingest = await spans.WaitForAsync(s => s.OperationName == IngestTracing.IngestSpanName && s.TraceId == traceId);
        var attempt = await spans.WaitForAsync(s => s.OperationName == DispatcherTracing.AttemptSpanName && s.TraceId == traceId);
        Assert.Equal(ingest.SpanId, attempt.ParentSpanId);
        // The receiver's parent is the attempt span itself (not the handler's internal HTTP span).
        Assert.Equal(attempt.SpanId, ActivitySpanId.CreateFromString(traceparent.AsSpan(36, 16)));
        Assert.Equal(200, attempt.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task A_producers_traceparent_parents_the_ingest_span_and_reaches_the_receiver()
    {
        using var spans = new SpanCollector();
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        var producerTrace = ActivityTraceId.CreateRandom();
        var producerSpan = ActivitySpanId.CreateRandom();

        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = new EventIngest.EventIngestClient(channel).Publish(new Metadata
        {
            { "authorization", "Bearer " + DispatcherTestServer.ProducerKey },
            { "traceparent", $"00-{producerTrace}-{producerSpan}-01" },
        });
        var request = new PublishRequest();
        request.Events.Add(TestEvents.Create("evt_producer_traced"));
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await call.RequestStream.CompleteAsync();
        var delivered = await receiver.NextAsync();

        var ingest = await spans.WaitForAsync(s => s.OperationName == IngestTracing.IngestSpanName && s.TraceId == producerTrace);
        Assert.Equal(producerSpan, ingest.ParentSpanId);
        Assert.StartsWith($"00-{producerTrace}-", delivered.Header("traceparent"));
    }
}
