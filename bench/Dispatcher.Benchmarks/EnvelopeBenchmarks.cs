using System.Buffers;
using BenchmarkDotNet.Attributes;
using Dispatcher.Core.Events;
using Dispatcher.Core.Formats;

namespace Dispatcher.Benchmarks;

/// <summary>Rendering the CD4CD envelope into a buffer writer that is reused, as a sender would.</summary>
public class EnvelopeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private StoredEvent _event = null!;

    [Params(Payloads.SmallBytes, Payloads.LargeBytes)]
    public int BodyBytes { get; set; }

    [GlobalSetup]
    public void Setup() => _event = new StoredEvent(
        "evt_18f3c_a91",
        "ws_demo",
        "link.clicked",
        new DateTimeOffset(2026, 5, 13, 5, 42, 0, 123, TimeSpan.Zero),
        Payloads.LinkClicked(BodyBytes));

    [Benchmark]
    public int Write()
    {
        _buffer.ResetWrittenCount();
        Cd4cdEnvelope.Write(_buffer, _event);
        return _buffer.WrittenCount;
    }
}
