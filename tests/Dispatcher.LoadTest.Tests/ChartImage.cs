using System.Buffers.Binary;
using Dispatcher.LoadTest.Reporting;
using SkiaSharp;

namespace Dispatcher.LoadTest.Tests;

/// <summary>What the tests require of latest.png: a PNG that decodes, at the size the chart is drawn.</summary>
internal static class ChartImage
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks the header, then decodes every pixel: a truncated or corrupt file fails here.</summary>
    public static SKBitmap Decode(byte[] png)
    {
        Assert.Equal(PngSignature, png.Take(PngSignature.Length));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(LoadChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(LoadChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        var bitmap = SKBitmap.Decode(png);
        Assert.True(bitmap is not null, "latest.png should decode as an image");
        Assert.Equal((LoadChart.Width, LoadChart.Height), (bitmap.Width, bitmap.Height));
        return bitmap;
    }

    /// <summary>
    /// Whether a line of <paramref name="colour"/> crosses the plot: a 2-pixel line over a plot about
    /// 1,100 pixels wide, far more than the legend's swatch of it (about 20 pixels) alone.
    /// </summary>
    public static bool DrawsALineOf(SKBitmap bitmap, ScottPlot.Color colour) => Count(bitmap, colour) > 500;

    /// <summary>How many pixels are exactly <paramref name="colour"/>.</summary>
    public static int Count(SKBitmap bitmap, ScottPlot.Color colour) =>
        bitmap.Pixels.Count(p => p.Red == colour.R && p.Green == colour.G && p.Blue == colour.B);
}
