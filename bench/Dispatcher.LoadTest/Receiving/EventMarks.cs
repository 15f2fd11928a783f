using System.Text.Json;

namespace Dispatcher.LoadTest.Receiving;

/// <summary>
/// The two fields the producer puts in each event's data: <c>seq</c> (its index in the phase) and
/// <c>sentAt</c> (the publish time, Unix microseconds). Read from the delivered envelope's bytes.
/// </summary>
public readonly record struct EventMarks(long Seq, long SentAtMicros)
{
    public static bool TryRead(ReadOnlySpan<byte> body, out EventMarks marks)
    {
        long seq = -1, sentAt = -1;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read() && (seq < 0 || sentAt < 0))
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                if (reader.ValueTextEquals("seq"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    seq = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("sentAt"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    sentAt = reader.GetInt64();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: reported as unparsed.
        }
        marks = new EventMarks(seq, sentAt);
        return seq >= 0 && sentAt >= 0;
    }
}
