namespace Dispatcher.LoadTest.Measuring;

/// <summary>
/// The per-endpoint cap the scenarios check: production defaults, 50/s sustained plus a burst of 10,
/// so at most 60 in any 1 s window. Arrival times are taken at the receiver, after the request went
/// through sockets and a shared, busy scheduler, so two sends 20 ms apart can arrive 1 ms apart:
/// the report also counts with the window shortened by <see cref="JitterAllowanceMicros"/> (100 ms,
/// the allowance the functional rate tests use), which tells a sender's fault from arrival jitter.
/// </summary>
public static class CapBound
{
    public const int RatePerSecond = 50;
    public const int Burst = 10;
    public const int PerSecond = Burst + RatePerSecond;
    public const long JitterAllowanceMicros = 100_000;

    /// <summary>Most arrivals in any 1 s window, and in any window of 1 s less the jitter allowance.</summary>
    public static (int Raw, int LessJitter) MaxPerWindow(long[] sortedArrivals) =>
        (Stats.MaxInAnyWindow(sortedArrivals, Stats.MicrosPerSecond),
         Stats.MaxInAnyWindow(sortedArrivals, Stats.MicrosPerSecond - JitterAllowanceMicros));
}
