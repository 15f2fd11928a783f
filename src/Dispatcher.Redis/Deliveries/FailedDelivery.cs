namespace Dispatcher.Redis.Deliveries;

/// <summary>An entry of a webhook's failed index: a delivery that failed for good, its event, and when it last failed.</summary>
public sealed record FailedDelivery(string DeliveryId, string EventId, DateTimeOffset FailedAt);
