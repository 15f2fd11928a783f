using Dispatcher.Core.Deliveries;

namespace Dispatcher.Redis.Deliveries;

/// <summary>A delivery-log entry as it is stored: the serialized entry, its time and its summary line.</summary>
public sealed record LoggedAttempt(string DeliveryId, byte[] Entry, long AtMs, string Summary)
{
    /// <summary>Serializes <paramref name="entry"/> for the log; the summary is what filters read without the entry.</summary>
    public static LoggedAttempt Of(DeliveryLogEntry entry)
    {
        long at = entry.At.ToUnixTimeMilliseconds();
        // "<outcome> <status> <attempt> <at ms> <event type>": the type goes last, as the one free-form part.
        string summary = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{entry.Outcome.ToWireName()} {entry.StatusCode ?? 0} {entry.Attempt} {at} {entry.EventType}");
        return new LoggedAttempt(entry.DeliveryId, DeliveryLogJson.ToStoredBytes(entry), at, summary);
    }
}
