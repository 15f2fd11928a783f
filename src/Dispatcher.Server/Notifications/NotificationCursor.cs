using System.Buffers.Text;
using System.Text.Json;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// Where a producer's notification stream stands: per workspace, the sequence of the last log entry
/// it was sent. Opaque to producers (base64url of a JSON object), so its shape may change.
/// </summary>
public static class NotificationCursor
{
    /// <summary>More than any deployment has workspaces to name in one stream; a bigger cursor is not ours.</summary>
    private const int MaxLength = 64 * 1024;

    public static string Encode(IReadOnlyDictionary<string, long> positions) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(positions));

    /// <summary>False for anything <see cref="Encode"/> did not write (or a negative position).</summary>
    public static bool TryDecode(string cursor, out Dictionary<string, long> positions)
    {
        positions = new(StringComparer.Ordinal);
        if (cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }
        try
        {
            var decoded = JsonSerializer.Deserialize<Dictionary<string, long>>(Base64Url.DecodeFromChars(cursor));
            if (decoded is null || decoded.Values.Any(v => v < 0))
            {
                return false;
            }
            positions = new Dictionary<string, long>(decoded, StringComparer.Ordinal);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
