using System.Buffers;
using Dispatcher.Core.Profiles;

namespace Dispatcher.Benchmarks.Tests.Allocations;

public class EnvelopeAllocationTests
{
    /// <summary>
    /// Measured on .NET 10 (Release): per call, independent of the body (data is copied into the
    /// caller's buffer), only the timestamp string: 64 bytes (seconds), 72 (milliseconds), 104 for
    /// Elido (its timestamp and the workspace id's bytes). Budget: measured + 10%.
    /// </summary>
    [Theory]
    [InlineData("cd4cd", 80)]
    [InlineData("snip", 80)]
    [InlineData("georedir", 71)]
    [InlineData("awsys", 71)]
    [InlineData("elido", 115)]
    [InlineData("standard-webhooks", 80)]
    public void Write_into_a_reused_buffer_stays_within_budget(string format, int budgetBytesPerCall)
    {
        var profile = WebhookProfiles.Find(format)!;
        foreach (int size in new[] { SampleEvents.SmallBytes, SampleEvents.LargeBytes })
        {
            var evt = SampleEvents.Clicked(size);
            var buffer = new ArrayBufferWriter<byte>(8192);
            AllocationMeter.AssertWithinBudget(
                () =>
                {
                    buffer.ResetWrittenCount();
                    EnvelopeWriter.Write(buffer, profile, evt, evt.Data.Span);
                },
                budgetBytesPerCall);
        }
    }
}
