using System.Threading.Channels;
using BenchmarkDotNet.Attributes;

namespace Dispatcher.Benchmarks;

/// <summary>One item through a bounded channel shaped like an endpoint's: write, then read it back.</summary>
public class ChannelHandoffBenchmarks
{
    private readonly Channel<HandoffItem> _channel = Channel.CreateBounded<HandoffItem>(new BoundedChannelOptions(256)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly HandoffItem _item = new("evt_18f3c_a91", 1);

    [Benchmark]
    public HandoffItem? TryWriteTryRead()
    {
        _channel.Writer.TryWrite(_item);
        _channel.Reader.TryRead(out var item);
        return item;
    }
}
