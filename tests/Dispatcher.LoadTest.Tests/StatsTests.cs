using Dispatcher.LoadTest.Measuring;

namespace Dispatcher.LoadTest.Tests;

/// <summary>The arithmetic the report's verdicts rest on: the per-window cap check and the percentiles.</summary>
public class StatsTests
{
    private const long Second = Stats.MicrosPerSecond;

    [Fact]
    public void A_burst_of_61_inside_one_second_is_seen_as_61()
    {
        long[] arrivals = [.. Enumerable.Range(0, 61).Select(i => 5 * Second + i * 10_000L)];

        Assert.Equal(61, Stats.MaxInAnyWindow(arrivals, Second));
    }

    [Fact]
    public void The_window_slides_over_arrivals_instead_of_counting_calendar_seconds()
    {
        // 30 at the end of one second and 30 at the start of the next: no calendar second holds more
        // than 30, but a window across the boundary holds all 60.
        long[] arrivals = [.. Enumerable.Range(0, 30).Select(i => Second - 1_000 - i), .. Enumerable.Range(0, 30).Select(i => Second + i)];
        Array.Sort(arrivals);

        Assert.Equal(60, Stats.MaxInAnyWindow(arrivals, Second));
    }

    [Fact]
    public void Arrivals_exactly_one_second_apart_are_in_different_windows()
    {
        long[] arrivals = [0, Second, 2 * Second];

        Assert.Equal(1, Stats.MaxInAnyWindow(arrivals, Second));
        Assert.Equal(0, Stats.MaxInAnyWindow([], Second));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        long[] sorted = [.. Enumerable.Range(1, 1000).Select(i => (long)i)];

        Assert.Equal(500, Stats.Percentile(sorted, 50));
        Assert.Equal(990, Stats.Percentile(sorted, 99));
        Assert.Equal(999, Stats.Percentile(sorted, 99.9));
        Assert.Equal(0, Stats.Percentile([], 50));
    }

    [Fact]
    public void Per_second_counts_start_at_the_origin_and_skip_missing_receipts()
    {
        long origin = 100 * Second;

        Assert.Equal([2, 0, 1], Stats.PerSecond([origin, origin + 999_999, 0, origin + 2 * Second], origin));
    }
}
