using System.Text.Json;
using System.Text.Unicode;

namespace Dispatcher.Core.Events;

/// <summary>Checks an incoming event before anything is written, so a bad one changes nothing.</summary>
public static class EventValidator
{
    /// <summary>Ids and workspace ids are used inside Redis keys and headers: keep them short and printable.</summary>
    public const int MaxIdLength = 128;

    /// <summary>0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds: the range of a protobuf Timestamp.</summary>
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;

    public static EventRejection? Validate(string id, string workspaceId, string type, ReadOnlySpan<byte> data, int maxDataBytes)
    {
        if (string.IsNullOrEmpty(id))
        {
            return new(RejectionKind.MissingId, "event id is required");
        }
        if (!IsPrintableToken(id))
        {
            return new(RejectionKind.InvalidId, $"event id must be 1-{MaxIdLength} printable ASCII characters without spaces");
        }
        if (string.IsNullOrEmpty(workspaceId))
        {
            return new(RejectionKind.MissingWorkspace, "workspace_id is required");
        }
        if (!IsPrintableToken(workspaceId))
        {
            return new(RejectionKind.InvalidWorkspace, $"workspace_id must be 1-{MaxIdLength} printable ASCII characters without spaces");
        }
        if (EventCatalogue.IsOwnerNotification(type))
        {
            return new(RejectionKind.UnknownEventType, $"'{type}' is sent by Dispatcher itself when a webhook's status changes; producers may not publish it");
        }
        if (!EventCatalogue.Contains(type))
        {
            return new(RejectionKind.UnknownEventType, $"unknown event type '{Truncate(type)}'; GET /v1/event-types lists the catalogue");
        }
        if (data.Length > maxDataBytes)
        {
            return new(RejectionKind.PayloadTooLarge, $"data is {data.Length} bytes; the limit is {maxDataBytes}");
        }
        if (!IsJsonObject(data))
        {
            return new(RejectionKind.InvalidData, "data must be a UTF-8 JSON object");
        }
        return null;
    }

    /// <summary>
    /// Checks a created-at time given as a protobuf Timestamp's parts, without converting it: a
    /// producer that writes milliseconds into <paramref name="seconds"/> lands in the year 55,000,
    /// which no <see cref="DateTimeOffset"/> (and no receiver's date parser) can hold.
    /// </summary>
    public static EventRejection? ValidateCreatedAt(long seconds, int nanos)
    {
        if (seconds < MinTimestampSeconds || seconds > MaxTimestampSeconds)
        {
            return new(RejectionKind.InvalidCreatedAt,
                $"created_at.seconds is {seconds}; it must be between {MinTimestampSeconds} and {MaxTimestampSeconds} (years 1-9999): milliseconds written as seconds?");
        }
        if (nanos is < 0 or > 999_999_999)
        {
            return new(RejectionKind.InvalidCreatedAt, $"created_at.nanos is {nanos}; it must be between 0 and 999999999");
        }
        return null;
    }

    /// <summary>Printable ASCII without spaces: safe in Redis keys, headers and URLs' path segments.</summary>
    public static bool IsPrintableToken(string value)
    {
        if (value.Length is 0 or > MaxIdLength)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsJsonObject(ReadOnlySpan<byte> data)
    {
        // Utf8JsonReader does not check the bytes inside strings; receivers would choke on them.
        if (!Utf8.IsValid(data))
        {
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            reader.Skip();
            // Nothing may follow the object (no second value, no trailing garbage).
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
