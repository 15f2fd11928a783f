using System.Buffers;
using System.Text.Json;
using Dispatcher.Core.Json;
using Dispatcher.Core.Profiles;

namespace Dispatcher.Server.Aggregation;

/// <summary>
/// The <c>data</c> of a <c>link.clicked.aggregated</c> event:
/// <c>{"window_start","window_end","total_clicks","unattributed_clicks","links":[{"link_id","clicks"}]}</c>,
/// links sorted by id (ordinal) so every closer renders the same bytes.
/// </summary>
public static class AggregatePayload
{
    /// <param name="counts">Clicks per link key; the empty key holds clicks that named no link.</param>
    public static byte[] Render(DateTimeOffset windowStart, DateTimeOffset windowEnd, IReadOnlyDictionary<string, long> counts)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("window_start", Iso(windowStart));
            json.WriteString("window_end", Iso(windowEnd));
            json.WriteNumber("total_clicks", counts.Values.Sum());
            json.WriteNumber("unattributed_clicks", counts.GetValueOrDefault(""));
            json.WriteStartArray("links");
            foreach (var (link, clicks) in counts.Where(c => c.Key.Length > 0).OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("link_id", link);
                json.WriteNumber("clicks", clicks);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        // Canonical like every producer event's data, so receivers that re-serialise verify it too
        // (Utf8JsonWriter escapes '<', '&' and non-ASCII where JSON.stringify does not).
        return JsonCanonicalizer.Canonicalize(buffer.WrittenSpan);
    }

    private static string Iso(DateTimeOffset at) => EnvelopeWriter.FormatTimestamp(at, TimestampPrecision.Seconds);
}
