using Dispatcher.Core.Events;

namespace Dispatcher.Redis.Schedule;

/// <summary>A delivery this instance holds until <see cref="ClaimToken"/>'s deadline.</summary>
/// <param name="AttemptsMade">Attempts before this one.</param>
/// <param name="ClaimToken">Proves the claim when settling; a stale claim is refused.</param>
public sealed record ClaimedDelivery(string DeliveryId, string WebhookId, int AttemptsMade, string ClaimToken, StoredEvent Event);
