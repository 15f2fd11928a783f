using System.Globalization;
using Dispatcher.Core.Deliveries;

namespace Dispatcher.Redis.Deliveries;

/// <summary>What the log keeps beside a delivery's attempts, for filters: its latest attempt's outcome, status, number and time, and the event type.</summary>
public sealed record DeliverySummary(string DeliveryId, DeliveryOutcome Outcome, int? StatusCode, int Attempts, DateTimeOffset LastAt, string EventType)
{
    /// <summary>Reads a summary line written by <see cref="LoggedAttempt.Of"/>; null when it is not one.</summary>
    public static DeliverySummary? Parse(string deliveryId, string line)
    {
        var parts = line.Split(' ', 5);
        if (parts.Length != 5 || !DeliveryOutcomes.TryParse(parts[0], out var outcome)
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int status)
            || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out int attempts)
            || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out long at))
        {
            return null;
        }
        return new DeliverySummary(deliveryId, outcome, status == 0 ? null : status, attempts, DateTimeOffset.FromUnixTimeMilliseconds(at), parts[4]);
    }
}
