using System.Buffers;
using BenchmarkDotNet.Attributes;
using Dispatcher.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dispatcher.Benchmarks;

/// <summary>
/// Ingest's first step for every request on the producer's stream: parsing the protobuf
/// <c>PublishRequest</c> from the received bytes, as the generated gRPC marshaller does (from a
/// <see cref="ReadOnlySequence{T}"/>). One event, and a full batch of the SDK (500 typical clicks).
/// </summary>
public class IngestParsingBenchmarks
{
    private ReadOnlySequence<byte> _payload;

    [Params(1, 500)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup() => _payload = new ReadOnlySequence<byte>(Build(Events).ToByteArray());

    [Benchmark]
    public PublishRequest Parse() => PublishRequest.Parser.ParseFrom(_payload);

    /// <summary>A request of <paramref name="events"/> typical link.clicked events, as the SDK batches them.</summary>
    public static PublishRequest Build(int events)
    {
        var request = new PublishRequest();
        var createdAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 5, 13, 5, 42, 0, 123, TimeSpan.Zero));
        for (int i = 0; i < events; i++)
        {
            request.Events.Add(new Event
            {
                Id = $"evt_18f3c_{i:D6}",
                Type = "link.clicked",
                WorkspaceId = "ws_demo",
                CreatedAt = createdAt,
                Data = ByteString.CopyFrom(Payloads.TypicalClick),
            });
        }
        return request;
    }
}
