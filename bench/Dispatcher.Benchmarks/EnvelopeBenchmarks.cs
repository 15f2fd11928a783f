using System.Buffers;
using BenchmarkDotNet.Attributes;
using Dispatcher.Core.Events;
using Dispatcher.Core.Profiles;

namespace Dispatcher.Benchmarks;

/// <summary>Rendering each format's envelope into a buffer writer that is reused, as a sender would.</summary>
public class EnvelopeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private StoredEvent _event = null!;
    private WebhookProfile _profile = null!;

    [Params("cd4cd", "snip", "georedir", "awsys", "elido", "standard-webhooks")]
    public string Format { get; set; } = "";

    [Params(Payloads.SmallBytes, Payloads.LargeBytes)]
    public int BodyBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _profile = WebhookProfiles.Find(Format)!;
        _event = new StoredEvent(
            "evt_18f3c_a91",
            "ws_demo",
            "link.clicked",
            new DateTimeOffset(2026, 5, 13, 5, 42, 0, 123, TimeSpan.Zero),
            Payloads.LinkClicked(BodyBytes));
    }

    [Benchmark]
    public int Write()
    {
        _buffer.ResetWrittenCount();
        EnvelopeWriter.Write(_buffer, _profile, _event, _event.Data.Span);
        return _buffer.WrittenCount;
    }
}
