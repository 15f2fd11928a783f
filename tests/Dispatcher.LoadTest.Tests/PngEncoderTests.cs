using System.Buffers.Binary;
using System.IO.Compression;
using Dispatcher.LoadTest.Reporting;

namespace Dispatcher.LoadTest.Tests;

/// <summary>The chart's PNG writer: a valid signature and chunks, and pixels that decompress back to what was drawn.</summary>
public class PngEncoderTests
{
    [Fact]
    public void A_two_by_one_image_round_trips_through_its_idat()
    {
        byte[] rgb = [255, 0, 0, 0, 0, 255];

        byte[] png = PngEncoder.Encode(2, 1, rgb);

        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        // IEND's CRC is a constant of the format.
        Assert.Equal([0xAE, 0x42, 0x60, 0x82], png[^4..]);
        int idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var pixels = new MemoryStream();
        zlib.CopyTo(pixels);
        Assert.Equal([0, .. rgb], pixels.ToArray());
    }
}
