using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dispatcher.Core.Json;

/// <summary>
/// Reads the current JSON string token as UTF-16, keeping lone surrogates (<c>"\ud800"</c>) that
/// <see cref="Utf8JsonReader.GetString"/> refuses but JavaScript accepts and writes back escaped.
/// </summary>
public static class JsonStringDecoder
{
    public static string Decode(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetString(raw);
        }
        var text = new StringBuilder(raw.Length);
        int start = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }
            text.Append(Encoding.UTF8.GetString(raw[start..i]));
            byte kind = raw[i + 1];
            i += 1;
            switch (kind)
            {
                case (byte)'b': text.Append('\b'); break;
                case (byte)'f': text.Append('\f'); break;
                case (byte)'n': text.Append('\n'); break;
                case (byte)'r': text.Append('\r'); break;
                case (byte)'t': text.Append('\t'); break;
                case (byte)'u':
                    text.Append((char)int.Parse(Encoding.ASCII.GetString(raw.Slice(i + 1, 4)), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default:
                    // \" \\ \/ stand for themselves.
                    text.Append((char)kind);
                    break;
            }
            start = i + 1;
        }
        text.Append(Encoding.UTF8.GetString(raw[start..]));
        return text.ToString();
    }
}
