using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dispatcher.Core.Json;

/// <summary>
/// Rewrites a JSON document into the bytes <c>JSON.stringify(JSON.parse(text))</c> gives in
/// JavaScript. Several seeds' receivers (snip.sa, GeoRedir's Node sample) verify the signature over
/// exactly that, so each event's <c>data</c> is brought into this form once, at ingest, and every
/// format then sends it unchanged in value and byte-identical to what such a receiver rebuilds.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The input must already be valid JSON (ingest validates it first).</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        var output = new ArrayBufferWriter<byte>(json.Length + 16);
        reader.Read();
        WriteValue(ref reader, output);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteValue(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, output);
                break;
            case JsonTokenType.StartArray:
                output.Write("["u8);
                bool first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }
                    first = false;
                    WriteValue(ref reader, output);
                }
                output.Write("]"u8);
                break;
            case JsonTokenType.String:
                JsString.Write(output, JsonStringDecoder.Decode(ref reader));
                break;
            case JsonTokenType.Number:
                output.Write(Encoding.ASCII.GetBytes(JsNumber.Canonicalize(Encoding.ASCII.GetString(reader.ValueSpan))));
                break;
            case JsonTokenType.True:
                output.Write("true"u8);
                break;
            case JsonTokenType.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    private static void WriteObject(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output)
    {
        // JSON.parse keeps a repeated key at its first position with its last value, and JavaScript
        // objects list integer-like keys first, in ascending order: so members are gathered first.
        var members = new List<(string Key, byte[] Value)>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = JsonStringDecoder.Decode(ref reader);
            reader.Read();
            var value = new ArrayBufferWriter<byte>();
            WriteValue(ref reader, value);
            if (positions.TryGetValue(key, out int at))
            {
                members[at] = (key, value.WrittenSpan.ToArray());
            }
            else
            {
                positions[key] = members.Count;
                members.Add((key, value.WrittenSpan.ToArray()));
            }
        }
        var ordered = members.Where(m => IsArrayIndex(m.Key)).OrderBy(m => uint.Parse(m.Key, System.Globalization.CultureInfo.InvariantCulture))
            .Concat(members.Where(m => !IsArrayIndex(m.Key)));
        output.Write("{"u8);
        bool first = true;
        foreach (var (key, value) in ordered)
        {
            if (!first)
            {
                output.Write(","u8);
            }
            first = false;
            JsString.Write(output, key);
            output.Write(":"u8);
            output.Write(value);
        }
        output.Write("}"u8);
    }

    /// <summary>ECMAScript's array index: a canonical decimal integer below 2^32 − 1.</summary>
    private static bool IsArrayIndex(string key) =>
        key.Length is > 0 and <= 10
        && (key == "0" || key[0] != '0')
        && key.All(char.IsAsciiDigit)
        && ulong.Parse(key, System.Globalization.CultureInfo.InvariantCulture) < uint.MaxValue;
}
