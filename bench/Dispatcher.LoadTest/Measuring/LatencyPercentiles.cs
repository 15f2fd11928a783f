namespace Dispatcher.LoadTest.Measuring;

/// <summary>p50, p99 and p99.9 of a latency sample, in milliseconds (all 0 when it is empty).</summary>
public sealed record LatencyPercentiles(double P50Ms, double P99Ms, double P999Ms)
{
    /// <param name="sortedMicros">The sample in microseconds, ascending.</param>
    public static LatencyPercentiles Of(long[] sortedMicros) => new(
        Stats.Percentile(sortedMicros, 50) / 1000.0, Stats.Percentile(sortedMicros, 99) / 1000.0, Stats.Percentile(sortedMicros, 99.9) / 1000.0);
}
