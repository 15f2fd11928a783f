using System.Buffers;
using Dispatcher.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dispatcher.Benchmarks.Tests.Allocations;

/// <summary>Serialised <c>PublishRequest</c>s as the SDK sends them: typical link.clicked events, as in IngestParsingBenchmarks.</summary>
public static class SampleRequests
{
    public static ReadOnlySequence<byte> Serialized(int events)
    {
        var request = new PublishRequest();
        var createdAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 5, 13, 5, 42, 0, 123, TimeSpan.Zero));
        byte[] data = SampleEvents.Body(282);
        for (int i = 0; i < events; i++)
        {
            request.Events.Add(new Event
            {
                Id = $"evt_18f3c_{i:D6}",
                Type = "link.clicked",
                WorkspaceId = "ws_demo",
                CreatedAt = createdAt,
                Data = ByteString.CopyFrom(data),
            });
        }
        return new ReadOnlySequence<byte>(request.ToByteArray());
    }
}
