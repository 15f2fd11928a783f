using System.Buffers;
using System.Text;

namespace Dispatcher.Core.Json;

/// <summary>
/// Writes a JSON string exactly as JavaScript's <c>JSON.stringify</c> does: only <c>"</c>, <c>\</c>,
/// control characters and lone surrogates are escaped; everything else (non-ASCII, emoji, <c>&lt;</c>,
/// <c>&amp;</c>, U+2028) is written as itself. Receivers that verify by re-serialising the parsed
/// body (snip.sa, GeoRedir) then get back the very bytes we signed.
/// </summary>
public static class JsString
{
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        // At most 6 bytes per UTF-16 unit ("\uXXXX"; a surrogate pair is 4 UTF-8 bytes for 2 units).
        Span<byte> span = output.GetSpan(value.Length * 6 + 2);
        int n = 0;
        span[n++] = (byte)'"';
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': n += Escape(span[n..], '"'); break;
                case '\\': n += Escape(span[n..], '\\'); break;
                case '\b': n += Escape(span[n..], 'b'); break;
                case '\f': n += Escape(span[n..], 'f'); break;
                case '\n': n += Escape(span[n..], 'n'); break;
                case '\r': n += Escape(span[n..], 'r'); break;
                case '\t': n += Escape(span[n..], 't'); break;
                default:
                    if (c < 0x20)
                    {
                        n += Unicode(span[n..], c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        n += new Rune(c, value[i + 1]).EncodeToUtf8(span[n..]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // A lone surrogate cannot be UTF-8; JSON.stringify writes it as an escape.
                        n += Unicode(span[n..], c);
                    }
                    else
                    {
                        n += new Rune(c).EncodeToUtf8(span[n..]);
                    }
                    break;
            }
        }
        span[n++] = (byte)'"';
        output.Advance(n);
    }

    private static int Escape(Span<byte> destination, char escaped)
    {
        destination[0] = (byte)'\\';
        destination[1] = (byte)escaped;
        return 2;
    }

    private static int Unicode(Span<byte> destination, char c)
    {
        // Lower-case hex, as JSON.stringify writes it.
        destination[0] = (byte)'\\';
        destination[1] = (byte)'u';
        ((int)c).TryFormat(destination[2..], out _, "x4");
        return 6;
    }
}
