using System.Text;
using System.Text.Json;

namespace Dispatcher.Core.Json;

/// <summary>
/// Rewrites a JSON document into the bytes <c>JSON.stringify(JSON.parse(text))</c> gives in
/// JavaScript. Several seeds' receivers (snip.sa, GeoRedir's Node sample) verify the signature over
/// exactly that, so each event's <c>data</c> is brought into this form once, at ingest, and every
/// format then sends it unchanged in value and byte-identical to what such a receiver rebuilds.
/// Most documents are nearly canonical already, so it writes straight through and does extra work
/// only where JavaScript would differ: escaped strings, unusual numbers, objects to reorder.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>Objects up to this size look for a repeated key by comparing bytes; larger ones hash.</summary>
    private const int LinearKeySearch = 16;

    /// <summary>The input must already be valid JSON (ingest validates it first).</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        var output = new JsonOutput(json.Length + 16);
        var members = new List<Member>();
        reader.Read();
        WriteValue(ref reader, output, members);
        return output.ToArray();
    }

    private static void WriteValue(ref Utf8JsonReader reader, JsonOutput output, List<Member> members)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, output, members);
                break;
            case JsonTokenType.StartArray:
                output.Write((byte)'[');
                bool first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first)
                    {
                        output.Write((byte)',');
                    }
                    first = false;
                    WriteValue(ref reader, output, members);
                }
                output.Write((byte)']');
                break;
            case JsonTokenType.String:
                WriteString(ref reader, output);
                break;
            case JsonTokenType.Number:
                WriteNumber(reader.ValueSpan, output);
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

    private static void WriteString(ref Utf8JsonReader reader, JsonOutput output)
    {
        if (reader.ValueIsEscaped)
        {
            JsString.Write(output, JsonStringDecoder.Decode(ref reader));
            return;
        }
        // Valid UTF-8 (checked at ingest) without escapes holds no quote, backslash, control
        // character or lone surrogate: JSON.stringify would write it exactly so.
        output.Write((byte)'"');
        output.Write(reader.ValueSpan);
        output.Write((byte)'"');
    }

    private static void WriteNumber(ReadOnlySpan<byte> raw, JsonOutput output)
    {
        if (JsNumber.IsCanonical(raw))
        {
            output.Write(raw);
        }
        else
        {
            output.Write(Encoding.ASCII.GetBytes(JsNumber.Canonicalize(Encoding.ASCII.GetString(raw))));
        }
    }

    private static void WriteObject(ref Utf8JsonReader reader, JsonOutput output, List<Member> members)
    {
        // Members are written in place and remembered on a stack shared by every level; nested objects
        // pop theirs before this one pushes the member holding them.
        int first = members.Count;
        int start = output.Length;
        HashSet<string>? keys = null;
        bool reorder = false;
        output.Write((byte)'{');
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (members.Count > first)
            {
                output.Write((byte)',');
            }
            int keyStart = output.Length;
            WriteString(ref reader, output);
            int keyEnd = output.Length;
            output.Write((byte)':');
            reader.Read();
            WriteValue(ref reader, output, members);
            var key = output.Slice(keyStart, keyEnd);
            // JSON.parse keeps a repeated key once, and JavaScript lists integer-like keys first.
            reorder |= IsArrayIndex(key) || Repeats(output, members, first, key, ref keys);
            members.Add(new Member(keyStart, keyEnd, output.Length));
        }
        output.Write((byte)'}');
        if (reorder)
        {
            Reorder(output, members, first, start);
        }
        members.RemoveRange(first, members.Count - first);
    }

    private static bool Repeats(JsonOutput output, List<Member> members, int first, ReadOnlySpan<byte> key, ref HashSet<string>? keys)
    {
        int count = members.Count - first;
        if (count < LinearKeySearch)
        {
            for (int i = first; i < members.Count; i++)
            {
                if (output.Slice(members[i].KeyStart, members[i].KeyEnd).SequenceEqual(key))
                {
                    return true;
                }
            }
            return false;
        }
        if (keys is null)
        {
            keys = new HashSet<string>(StringComparer.Ordinal);
            for (int i = first; i < members.Count; i++)
            {
                keys.Add(Encoding.UTF8.GetString(output.Slice(members[i].KeyStart, members[i].KeyEnd)));
            }
        }
        return !keys.Add(Encoding.UTF8.GetString(key));
    }

    /// <summary>
    /// Rewrites the object at <paramref name="start"/> as JavaScript would list it: integer-like keys
    /// ascending, then the rest in first-seen order, a repeated key once with its last value.
    /// </summary>
    private static void Reorder(JsonOutput output, List<Member> members, int first, int start)
    {
        byte[] region = output.Slice(start, output.Length).ToArray();
        var ordered = new List<string>();
        var lastValue = new Dictionary<string, (int From, int To)>(StringComparer.Ordinal);
        for (int i = first; i < members.Count; i++)
        {
            var m = members[i];
            string key = Encoding.UTF8.GetString(region.AsSpan(m.KeyStart - start, m.KeyEnd - m.KeyStart));
            if (!lastValue.ContainsKey(key))
            {
                ordered.Add(key);
            }
            lastValue[key] = (m.KeyEnd + 1 - start, m.ValueEnd - start);
        }
        var indexKeys = ordered.Where(k => IsArrayIndex(Encoding.UTF8.GetBytes(k)))
            .OrderBy(k => uint.Parse(k.AsSpan(1, k.Length - 2), System.Globalization.CultureInfo.InvariantCulture));
        output.Truncate(start);
        output.Write((byte)'{');
        bool firstMember = true;
        foreach (string key in indexKeys.Concat(ordered.Where(k => !IsArrayIndex(Encoding.UTF8.GetBytes(k)))))
        {
            if (!firstMember)
            {
                output.Write((byte)',');
            }
            firstMember = false;
            output.Write(Encoding.UTF8.GetBytes(key));
            output.Write((byte)':');
            var (from, to) = lastValue[key];
            output.Write(region.AsSpan(from, to - from));
        }
        output.Write((byte)'}');
    }

    /// <summary>Whether a written key (with its quotes) is ECMAScript's array index: a canonical integer below 2^32 − 1.</summary>
    private static bool IsArrayIndex(ReadOnlySpan<byte> quotedKey)
    {
        var digits = quotedKey[1..^1];
        if (digits.Length is 0 or > 10 || (digits.Length > 1 && digits[0] == (byte)'0'))
        {
            return false;
        }
        ulong value = 0;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = value * 10 + (ulong)(b - '0');
        }
        return value < uint.MaxValue;
    }

    /// <summary>Where a member's key and value were written: <c>"key"</c> is [KeyStart, KeyEnd), the value ends at ValueEnd.</summary>
    private readonly record struct Member(int KeyStart, int KeyEnd, int ValueEnd);
}
