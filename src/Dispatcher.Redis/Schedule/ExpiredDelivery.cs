namespace Dispatcher.Redis.Schedule;

/// <summary>
/// A delivery dropped from the schedule because its event outlived its retention.
/// </summary>
/// <param name="AttemptsMade">Attempts made before; -1 when its record was gone too.</param>
/// <param name="EventKey">The event body's key (which names workspace and event), or empty when unknown.</param>
public sealed record ExpiredDelivery(string DeliveryId, string WebhookId, int AttemptsMade, string EventKey);
