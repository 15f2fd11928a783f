namespace Dispatcher.Benchmarks.Tests.Allocations;

/// <summary>
/// Managed bytes a call allocates, from <see cref="GC.GetAllocatedBytesForCurrentThread"/> around many
/// calls after a warm-up (first calls load types, fill pools and run static constructors).
/// </summary>
public static class AllocationMeter
{
    public const int Calls = 1_000;

    private const int WarmUpCalls = 100;

    /// <summary>Total bytes allocated by <see cref="Calls"/> calls of <paramref name="call"/> on this thread.</summary>
    public static long Measure(Action call)
    {
        for (var i = 0; i < WarmUpCalls; i++)
        {
            call();
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            call();
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Fails unless the calls stayed within <paramref name="bytesPerCall"/> on average.</summary>
    public static void AssertWithinBudget(Action call, int bytesPerCall)
    {
        var total = Measure(call);
        Assert.True(
            total <= (long)bytesPerCall * Calls,
            $"{total / (double)Calls:0.##} bytes per call over {Calls} calls; the budget is {bytesPerCall}.");
    }
}
