using System.Threading.Channels;

namespace Dispatcher.Benchmarks.Tests.Allocations;

public class ChannelHandoffAllocationTests
{
    /// <summary>Measured: 0 bytes per call; the channel's queue keeps its storage once it has grown.</summary>
    [Fact]
    public void TryWrite_then_TryRead_on_a_bounded_channel_allocates_nothing()
    {
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(256)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var item = new object();

        AllocationMeter.AssertWithinBudget(
            () =>
            {
                channel.Writer.TryWrite(item);
                channel.Reader.TryRead(out _);
            },
            bytesPerCall: 0);
    }
}
