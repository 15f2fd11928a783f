using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatcher.Core.Deliveries;

/// <summary>
/// The delivery log's entry serializer, generated at compile time: an entry is written for every
/// attempt, and the reflection serializer's first-use and per-call costs showed in the profile.
/// Nulls are left out of what it writes (a missing field reads as null).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeliveryLogEntry))]
public sealed partial class DeliveryLogJson : JsonSerializerContext
{
    // The default encoder writes every quote of the request body as \u0022 (and every non-ASCII
    // character as \uXXXX), which made the body in a stored entry half again its size. Every stored
    // byte is kept for the log's retention, written to the AOF and copied by each rewrite of it. The
    // stored form is never embedded in a page or a script (the API and the dashboard serialize and
    // encode what they read), so it needs only what JSON itself escapes: quotes, backslashes and
    // control characters (so an entry stays one line).
    private static readonly JsonWriterOptions StoredForm = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and writer per thread: an entry is written for every attempt.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>An entry as the log stores it: one line of JSON, read back with <see cref="JsonSerializerContext.Options">Default</see>.</summary>
    public static byte[] ToStoredBytes(DeliveryLogEntry entry)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, StoredForm);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, entry, Default.DeliveryLogEntry);
        return buffer.WrittenSpan.ToArray();
    }
}
