namespace Dispatcher.LoadTest.Measuring;

/// <summary>Percentiles, per-window maxima and per-second series over arrival times (µs).</summary>
public static class Stats
{
    public const long MicrosPerSecond = 1_000_000;

    /// <summary>Nearest-rank percentile of an ascending array, in the array's unit; 0 when empty.</summary>
    public static long Percentile(long[] sorted, double percent)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }
        // Rounded first: 99.9 / 100 × 1000 is 999.0000000000001 in binary floating point, not 999.
        int rank = (int)Math.Ceiling(Math.Round(percent / 100 * sorted.Length, 9));
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The most arrivals in any half-open window <c>[t, t + window)</c>, over ascending arrival times.</summary>
    public static int MaxInAnyWindow(long[] sorted, long windowMicros)
    {
        int best = 0;
        for (int start = 0, end = 0; start < sorted.Length; start++)
        {
            while (end < sorted.Length && sorted[end] - sorted[start] < windowMicros)
            {
                end++;
            }
            best = Math.Max(best, end - start);
        }
        return best;
    }

    /// <summary>How many of <paramref name="times"/> (ignoring zeros) fall in each second from <paramref name="originMicros"/>.</summary>
    public static int[] PerSecond(IEnumerable<long> times, long originMicros)
    {
        var counts = new List<int>();
        foreach (long t in times)
        {
            if (t <= 0)
            {
                continue;
            }
            int second = (int)Math.Max(0, (t - originMicros) / MicrosPerSecond);
            while (counts.Count <= second)
            {
                counts.Add(0);
            }
            counts[second]++;
        }
        return [.. counts];
    }
}
