using System.Globalization;
using Dispatcher.LoadTest.Scenarios;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>
/// latest.png: on top, delivered/s second by second through the throughput scenario and the burst
/// drain; below, for each burst endpoint, the most it received in any 1 s window, against the bound.
/// </summary>
public static class LoadChart
{
    public const int Width = 1200;
    public const int Height = 900;

    /// <summary>The throughput scenario's line.</summary>
    public static readonly Color Throughput = Colors.C0;

    /// <summary>The burst drain's line and the bars of endpoints within the bound.</summary>
    public static readonly Color Drain = Colors.C1;

    /// <summary>The bound and the bars of endpoints over it.</summary>
    public static readonly Color OverBound = Colors.C3;

    public static byte[] Render(LoadReport report) => Render(report.Throughput, report.Burst);

    public static byte[] Render(ThroughputResult throughput, BurstResult burst)
    {
        var rates = new Plot();
        DrawRates(rates, throughput, burst);
        var perEndpoint = new Plot();
        DrawPerEndpoint(perEndpoint, burst);
        var chart = new Multiplot(rates);
        chart.AddPlot(perEndpoint);
        using var image = chart.Render(Width, Height);
        return image.GetImageBytes(ImageFormat.Png);
    }

    private static void DrawRates(Plot plot, ThroughputResult throughput, BurstResult burst)
    {
        plot.Title("Delivered per second, second by second");
        plot.XLabel("seconds from the first publish (throughput) or from the release (burst)");
        plot.YLabel("deliveries per second");
        AddSteps(plot, throughput.DeliveredPerSecondSeries, Throughput, $"throughput scenario ({Count(throughput.Endpoints)} endpoints)");
        AddSteps(plot, burst.DrainPerSecondSeries, Drain, $"burst drain ({Count(burst.Endpoints)} endpoints)");
        int seconds = Math.Max(1, Math.Max(throughput.DeliveredPerSecondSeries.Length, burst.DrainPerSecondSeries.Length));
        int highest = throughput.DeliveredPerSecondSeries.Concat(burst.DrainPerSecondSeries).DefaultIfEmpty(0).Max();
        // Zero stays on the axis so the two phases' rates compare by height, and headroom keeps the
        // legend off the lines.
        plot.Axes.SetLimits(0, seconds, 0, Math.Max(1, highest) * 1.25);
        ReadableNumbers(plot);
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void DrawPerEndpoint(Plot plot, BurstResult burst)
    {
        int[] most = burst.PerEndpointMaxInAnySecond;
        int bound = burst.Bound;
        plot.Title("Burst: the most each endpoint received in any 1 s window");
        plot.XLabel($"endpoint (0 to {Math.Max(0, most.Length - 1)})");
        plot.YLabel("deliveries in a 1 s window");
        AddBars(plot, most, m => m <= bound, Drain, "within the bound");
        AddBars(plot, most, m => m > bound, OverBound, "over the bound");
        var line = plot.Add.HorizontalLine(bound, 2, OverBound, LinePattern.Dashed);
        line.LegendText = $"bound: {Count(bound)} (burst + rate)";
        int highest = Math.Max(bound, most.DefaultIfEmpty(0).Max());
        plot.Axes.SetLimits(-0.5, Math.Max(1, most.Length) - 0.5, 0, Math.Max(1, highest) * 1.3);
        ReadableNumbers(plot);
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>
    /// Each value counts the deliveries of one whole second, so it is drawn flat across that second
    /// (a step), with one point more to close the last second; a one-second phase still shows.
    /// </summary>
    private static void AddSteps(Plot plot, int[] perSecond, Color colour, string legend)
    {
        if (perSecond.Length == 0)
        {
            return;
        }
        double[] xs = Enumerable.Range(0, perSecond.Length + 1).Select(i => (double)i).ToArray();
        double[] ys = perSecond.Append(perSecond[^1]).Select(v => (double)v).ToArray();
        var line = plot.Add.ScatterLine(xs, ys, colour);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        line.LegendText = legend;
    }

    private static void AddBars(Plot plot, int[] values, Func<int, bool> include, Color colour, string legend)
    {
        int[] endpoints = Enumerable.Range(0, values.Length).Where(i => include(values[i])).ToArray();
        if (endpoints.Length == 0)
        {
            return;
        }
        var bars = plot.Add.Bars(endpoints.Select(i => (double)i), endpoints.Select(i => (double)values[i]));
        bars.Color = colour;
        // A hundred outlined bars read as a black fence; unoutlined they read as one colour per class.
        foreach (var bar in bars.Bars)
        {
            bar.LineWidth = 0;
        }
        bars.LegendText = legend;
    }

    private static void ReadableNumbers(Plot plot)
    {
        // Whole numbers with thousands separators: a rate of 8,000/s, never "8E+03" or "7999.5".
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = v => Count(v), IntegerTicksOnly = true };
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = v => Count(v), IntegerTicksOnly = true };
    }

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
