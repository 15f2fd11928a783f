namespace Dispatcher.Redis.Deliveries;

/// <summary>A delivery the log keeps: where it sits in the log (its first logged attempt, ms) and its summary.</summary>
public sealed record LoggedDelivery(long FirstAtMs, DeliverySummary Summary)
{
    public string DeliveryId => Summary.DeliveryId;
}
