using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Reporting;
using Dispatcher.LoadTest.Scenarios;

namespace Dispatcher.LoadTest.Tests;

/// <summary>latest.png drawn from made-up figures: a PNG of the chart's size with each series on it.</summary>
public class LoadChartTests
{
    [Fact]
    public void The_chart_is_a_png_of_its_size_with_both_rate_lines_drawn()
    {
        byte[] png = LoadChart.Render(Throughput([4_000, 6_000, 7_500, 6_500]), Burst([800, 5_000, 5_000, 3_500], bound: 60, [58, 59, 60, 57]));

        using var bitmap = ChartImage.Decode(png);
        Assert.True(ChartImage.DrawsALineOf(bitmap, LoadChart.Throughput), "the throughput line should be drawn");
        Assert.True(ChartImage.DrawsALineOf(bitmap, LoadChart.Drain), "the burst drain line and bars should be drawn");
    }

    [Fact]
    public void A_phase_shorter_than_a_second_still_shows_and_an_empty_one_is_left_out()
    {
        // Quick runs can deliver the throughput phase within one bucket; a single point is no line,
        // so the chart has to draw it as a step across that second.
        byte[] png = LoadChart.Render(Throughput([5_000]), Burst([], bound: 60, []));

        using var bitmap = ChartImage.Decode(png);
        Assert.True(ChartImage.DrawsALineOf(bitmap, LoadChart.Throughput), "a one-second phase should still be drawn");
        Assert.Equal(0, ChartImage.Count(bitmap, LoadChart.Drain));
    }

    [Fact]
    public void An_endpoint_over_the_bound_gets_a_bar_in_the_bound_colour()
    {
        using var within = ChartImage.Decode(LoadChart.Render(Throughput([5_000]), Burst([5_000], bound: 60, [58, 59, 59, 60])));
        using var over = ChartImage.Decode(LoadChart.Render(Throughput([5_000]), Burst([5_000], bound: 60, [58, 75, 59, 60])));

        // Within the bound, that colour is only the dashed bound line; one of four bars is a large block.
        int added = ChartImage.Count(over, LoadChart.OverBound) - ChartImage.Count(within, LoadChart.OverBound);
        Assert.True(added > 10_000, $"the bar over the bound should add a block of its colour (added {added} pixels)");
    }

    [Fact]
    public void There_is_a_font_to_draw_the_titles_axes_and_legends_in()
    {
        // Without one, ScottPlot draws the lines and leaves every label out, silently.
        Assert.False(string.IsNullOrEmpty(ScottPlot.Fonts.Default),
            "no font under /usr/share/fonts, so latest.png would have no text (Debian: apt-get install fonts-dejavu-core)");
    }

    private static ThroughputResult Throughput(int[] perSecond) => new(
        Endpoints: 2_000, Events: perSecond.Sum(), Delivered: perSecond.Sum(), Duplicates: 0, Seconds: perSecond.Length,
        DeliveredPerSecond: perSecond.DefaultIfEmpty(0).Average(), AckedPerSecond: 0, MaxPerEndpointInAnySecond: 0,
        EndpointsOverBound: 0, EndpointsOverBoundLessJitter: 0, DeliveredPerSecondSeries: perSecond,
        Cpu: new CpuUse(perSecond.Length, 1, 0.5, 0.5, 0, 2), Complete: true);

    private static BurstResult Burst(int[] drainPerSecond, int bound, int[] perEndpoint) => new(
        Endpoints: perEndpoint.Length, Events: drainPerSecond.Sum(), Delivered: drainPerSecond.Sum(), Duplicates: 0,
        DrainSeconds: drainPerSecond.Length, DrainPerSecond: drainPerSecond.DefaultIfEmpty(0).Average(),
        MaxInAnySecond: perEndpoint.DefaultIfEmpty(0).Max(), Bound: bound, EndpointsOverBound: perEndpoint.Count(m => m > bound),
        EndpointsOverBoundLessJitter: 0, PerEndpointMaxInAnySecond: perEndpoint, PeakRssBytes: 0, RedisBytesBefore: 0,
        RedisBytesAfter: 0, RedisBytesPerQueuedDelivery: 0, EnqueueAckedPerSecond: 0, DrainPerSecondSeries: drainPerSecond, Complete: true);
}
