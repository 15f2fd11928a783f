using System.Buffers;
using Dispatcher.Core.Formats;

namespace Dispatcher.Benchmarks.Tests.Allocations;

public class EnvelopeAllocationTests
{
    /// <summary>
    /// Measured on .NET 10.0.12 (Debug and Release alike): 208 bytes per call at both sizes, independent
    /// of the body because <c>data</c> is copied into the caller's buffer. They are the
    /// <c>Utf8JsonWriter</c> instance (136 bytes; it is a class, new per call) and the
    /// <c>createdAt</c> string from <c>FormatTimestamp</c> (72 bytes for 24 chars). Budget: 208 + 10%.
    /// </summary>
    private const int BudgetBytesPerCall = 228;

    [Theory]
    [InlineData(SampleEvents.SmallBytes)]
    [InlineData(SampleEvents.LargeBytes)]
    public void Write_into_a_reused_buffer_stays_within_budget(int bodyBytes)
    {
        var evt = SampleEvents.Clicked(bodyBytes);
        var buffer = new ArrayBufferWriter<byte>(8192);

        AllocationMeter.AssertWithinBudget(
            () =>
            {
                buffer.ResetWrittenCount();
                Cd4cdEnvelope.Write(buffer, evt);
            },
            BudgetBytesPerCall);
    }
}
