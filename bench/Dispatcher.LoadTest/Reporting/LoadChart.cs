using System.Globalization;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>
/// latest.png: on top, delivered/s second by second through the throughput scenario; below, for
/// each burst endpoint, the most it received in any 1 s window, against the bound (red line).
/// </summary>
public static class LoadChart
{
    private const int Width = 1000;
    private const int PanelHeight = 300;
    private const int Left = 90;
    private const int Right = 30;

    private static readonly (byte, byte, byte) Ink = (30, 30, 30);
    private static readonly (byte, byte, byte) Grid = (220, 220, 220);
    private static readonly (byte, byte, byte) Blue = (31, 119, 180);
    private static readonly (byte, byte, byte) Orange = (255, 127, 14);
    private static readonly (byte, byte, byte) Red = (214, 39, 40);

    public static byte[] Render(LoadReport report)
    {
        var canvas = new Canvas(Width, PanelHeight * 2 + 40);
        var series = report.Throughput.DeliveredPerSecondSeries;
        var drain = report.Burst.DrainPerSecondSeries;
        int seconds = Math.Max(series.Length, drain.Length);
        DrawPanel(canvas, 0, $"DELIVERED/S, SECOND BY SECOND: BLUE = THROUGHPUT ({report.Throughput.Endpoints} ENDPOINTS), ORANGE = BURST DRAIN ({report.Burst.Endpoints} ENDPOINTS)",
            "SECONDS FROM FIRST PUBLISH / FROM RELEASE", seconds, series.Concat(drain).DefaultIfEmpty(0).Max(), (plot, x0, y0, w, h, max) =>
            {
                DrawSeries(plot, series, seconds, x0, y0, w, h, max, Blue);
                DrawSeries(plot, drain, seconds, x0, y0, w, h, max, Orange);
            });
        var perEndpoint = report.Burst.PerEndpointMaxInAnySecond;
        int bound = report.Burst.Bound;
        DrawPanel(canvas, PanelHeight + 20, $"BURST: MOST EACH ENDPOINT GOT IN ANY 1 S (RED = BOUND {bound})",
            $"ENDPOINT (0-{perEndpoint.Length - 1})", perEndpoint.Length, Math.Max(bound + bound / 5, perEndpoint.DefaultIfEmpty(0).Max()),
            (plot, x0, y0, w, h, max) =>
            {
                int barWidth = Math.Max(1, w / Math.Max(1, perEndpoint.Length) - 1);
                for (int i = 0; i < perEndpoint.Length; i++)
                {
                    int x = x0 + i * w / perEndpoint.Length;
                    plot.Fill(x, y0 + h - (int)(perEndpoint[i] * (long)h / max), x + barWidth - 1, y0 + h, perEndpoint[i] > bound ? Red : Orange);
                }
                int yBound = y0 + h - (int)(bound * (long)h / max);
                plot.Line(x0, yBound, x0 + w, yBound, Red, 2);
            });
        return canvas.ToPng();
    }

    private static void DrawSeries(Canvas plot, int[] series, int seconds, int x0, int y0, int w, int h, int max, (byte, byte, byte) colour)
    {
        int span = Math.Max(1, seconds - 1);
        if (series.Length == 1)
        {
            // A phase shorter than a second: one bucket, drawn as a flat step over that second.
            int y = y0 + h - (int)(series[0] * (long)h / max);
            plot.Line(x0, y, x0 + w / span, y, colour, 2);
        }
        for (int i = 1; i < series.Length; i++)
        {
            plot.Line(x0 + (i - 1) * w / span, y0 + h - (int)(series[i - 1] * (long)h / max),
                x0 + i * w / span, y0 + h - (int)(series[i] * (long)h / max), colour, 2);
        }
    }

    private static void DrawPanel(
        Canvas canvas, int top, string title, string xLabel, int xMax, int yMax, Action<Canvas, int, int, int, int, int> plot)
    {
        int x0 = Left, y0 = top + 40, w = Width - Left - Right, h = PanelHeight - 90;
        yMax = Math.Max(1, yMax);
        canvas.Text(x0, top + 14, title, Ink);
        for (int g = 0; g <= 4; g++)
        {
            int y = y0 + h - g * h / 4;
            canvas.Line(x0, y, x0 + w, y, Grid);
            string label = (yMax * (long)g / 4).ToString("N0", CultureInfo.InvariantCulture);
            canvas.Text(x0 - 8 - label.Length * 8, y - 5, label, Ink);
        }
        canvas.Line(x0, y0, x0, y0 + h, Ink, 2);
        canvas.Line(x0, y0 + h, x0 + w, y0 + h, Ink, 2);
        canvas.Text(x0, y0 + h + 10, "0", Ink);
        string right = xMax.ToString(CultureInfo.InvariantCulture);
        canvas.Text(x0 + w - right.Length * 8, y0 + h + 10, right, Ink);
        canvas.Text(x0 + w / 2 - xLabel.Length * 4, y0 + h + 26, xLabel, Ink);
        plot(canvas, x0, y0, w, h, yMax);
    }
}
