using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>
/// Where a page of the delivery log ended: the last attempt shown, named by its delivery's place in
/// the log (first logged attempt, ms, then delivery id: the sorted set's order) and its position among
/// that delivery's attempts (0 = the oldest). A place, not a count, so deliveries that arrive or leave
/// the log meanwhile neither shift nor repeat the next page. Opaque to clients: base64url of
/// <c>"ms.index.delivery"</c> behind a <c>c1_</c> version mark.
/// </summary>
public sealed record DeliveryLogCursor(long FirstAtMs, string DeliveryId, int Index)
{
    private const string Mark = "c1_";

    public string Encode() =>
        Mark + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{FirstAtMs}.{Index}.{DeliveryId}")));

    /// <summary>Reads a cursor this server wrote; false for anything else (the API answers INVALID_CURSOR).</summary>
    public static bool TryDecode(string text, out DeliveryLogCursor? cursor)
    {
        cursor = null;
        if (!text.StartsWith(Mark, StringComparison.Ordinal))
        {
            return false;
        }
        string plain;
        try
        {
            plain = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text.AsSpan(Mark.Length)));
        }
        catch (FormatException)
        {
            return false;
        }
        var parts = plain.Split('.', 3);
        if (parts.Length != 3 || parts[2].Length == 0
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ms)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            return false;
        }
        cursor = new DeliveryLogCursor(ms, parts[2], index);
        return true;
    }

    /// <summary>
    /// Whether the delivery at (<paramref name="firstAtMs"/>, <paramref name="deliveryId"/>) is this cursor's own. Both
    /// must match: a delivery the log let go and logs again (a recover) comes back at a new place.
    /// </summary>
    public bool Is(long firstAtMs, string deliveryId) => firstAtMs == FirstAtMs && deliveryId == DeliveryId;

    /// <summary>Whether the delivery at (<paramref name="firstAtMs"/>, <paramref name="deliveryId"/>) comes after this cursor's delivery in the log's order (newest first).</summary>
    public bool IsAfter(long firstAtMs, string deliveryId) =>
        firstAtMs < FirstAtMs || (firstAtMs == FirstAtMs && string.CompareOrdinal(deliveryId, DeliveryId) < 0);
}
