using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Dispatcher.Core.Events;

namespace Dispatcher.Core.Formats;

/// <summary>
/// CD4CD's wire format: body <c>{"id","type","createdAt","data"}</c>, signed in the
/// <c>CD4CD-Signature</c> header (see cd4cd-webhooks.txt).
/// </summary>
public static class Cd4cdEnvelope
{
    public const string SignatureHeader = "CD4CD-Signature";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Writes the envelope; <c>data</c> is copied byte for byte as the producer sent it.</summary>
    public static void Write(IBufferWriter<byte> destination, StoredEvent evt)
    {
        using var writer = new Utf8JsonWriter(destination, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("id"u8, evt.Id);
        writer.WriteString("type"u8, evt.Type);
        writer.WriteString("createdAt"u8, FormatTimestamp(evt.CreatedAt));
        writer.WritePropertyName("data"u8);
        writer.WriteRawValue(evt.Data.Span, skipInputValidation: true);
        writer.WriteEndObject();
    }

    /// <summary>ISO 8601 in UTC with milliseconds, as the seeds show: 2026-05-13T05:42:00.123Z.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
