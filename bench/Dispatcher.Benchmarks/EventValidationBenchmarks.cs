using BenchmarkDotNet.Attributes;
using Dispatcher.Core.Events;

namespace Dispatcher.Benchmarks;

/// <summary>Ingest's check of a typical, valid link.clicked event (ids, catalogue, UTF-8, one JSON object).</summary>
public class EventValidationBenchmarks
{
    private const int MaxDataBytes = 64 * 1024;

    private readonly byte[] _data = Payloads.TypicalClick;

    [Benchmark]
    public EventRejection? Validate() =>
        EventValidator.Validate("evt_18f3c_a91", "ws_demo", "link.clicked", _data, MaxDataBytes);
}
