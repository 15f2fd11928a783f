namespace Dispatcher.LoadTest.Reporting;

/// <summary>An RGB pixel buffer with the few primitives the chart draws: rectangles, lines, text.</summary>
public sealed class Canvas(int width, int height)
{
    private readonly byte[] _rgb = CreateWhite(width, height);

    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] ToPng() => PngEncoder.Encode(Width, Height, _rgb);

    public void Set(int x, int y, (byte R, byte G, byte B) colour)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            return;
        }
        int i = (y * Width + x) * 3;
        (_rgb[i], _rgb[i + 1], _rgb[i + 2]) = colour;
    }

    public void Fill(int x0, int y0, int x1, int y1, (byte, byte, byte) colour)
    {
        for (int y = Math.Min(y0, y1); y <= Math.Max(y0, y1); y++)
        {
            for (int x = Math.Min(x0, x1); x <= Math.Max(x0, x1); x++)
            {
                Set(x, y, colour);
            }
        }
    }

    /// <summary>Bresenham's line, <paramref name="thickness"/> pixels square.</summary>
    public void Line(int x0, int y0, int x1, int y1, (byte, byte, byte) colour, int thickness = 1)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, error = dx + dy;
        for (int guard = 0; guard < 100_000; guard++)
        {
            Fill(x0, y0, x0 + thickness - 1, y0 + thickness - 1, colour);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }
            int e2 = 2 * error;
            if (e2 >= dy)
            {
                error += dy;
                x0 += sx;
            }
            if (e2 <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>Text in <see cref="TinyFont"/>, each font pixel <paramref name="scale"/> pixels square.</summary>
    public void Text(int x, int y, string text, (byte, byte, byte) colour, int scale = 2)
    {
        foreach (char c in text)
        {
            for (int gy = 0; gy < TinyFont.Height; gy++)
            {
                for (int gx = 0; gx < TinyFont.Width; gx++)
                {
                    if (TinyFont.IsOn(c, gx, gy))
                    {
                        Fill(x + gx * scale, y + gy * scale, x + (gx + 1) * scale - 1, y + (gy + 1) * scale - 1, colour);
                    }
                }
            }
            x += (TinyFont.Width + 1) * scale;
        }
    }

    private static byte[] CreateWhite(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        Array.Fill(rgb, (byte)255);
        return rgb;
    }
}
