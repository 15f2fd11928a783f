using System.Text.Json;
using Dispatcher.Core.Json;

namespace Dispatcher.Server.Aggregation;

/// <summary>Which link a <c>link.clicked</c> event counts for.</summary>
public static class ClickLink
{
    // In order of preference: our producers say linkId, Elido-style ones link_id; a producer
    // that only knows the short code or slug still gets per-link counts.
    private static readonly string[] Properties = ["linkId", "link_id", "shortCode", "slug"];

    /// <summary>
    /// The first of <c>linkId</c>, <c>link_id</c>, <c>shortCode</c>, <c>slug</c> at the top level of
    /// <paramref name="data"/> that is a non-empty string or a number; empty when there is none
    /// (such a click is still counted, as unattributed).
    /// </summary>
    public static string KeyOf(ReadOnlyMemory<byte> data)
    {
        var found = new string?[Properties.Length];
        var reader = new Utf8JsonReader(data.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "";
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int index = IndexOf(ref reader);
            reader.Read();
            if (index >= 0 && found[index] is null)
            {
                found[index] = reader.TokenType switch
                {
                    // Not GetString: it throws on a lone surrogate ("\ud800"), which ingest accepts as JavaScript does.
                    JsonTokenType.String => JsonStringDecoder.Decode(ref reader),
                    JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
            }
            reader.Skip();
        }
        return found.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
    }

    private static int IndexOf(ref Utf8JsonReader reader)
    {
        for (int i = 0; i < Properties.Length; i++)
        {
            if (reader.ValueTextEquals(Properties[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
