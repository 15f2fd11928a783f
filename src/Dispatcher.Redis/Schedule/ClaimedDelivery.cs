using Dispatcher.Core.Events;

namespace Dispatcher.Redis.Schedule;

/// <summary>A delivery this instance holds until <see cref="ClaimToken"/>'s deadline.</summary>
/// <param name="AttemptsMade">Attempts before this one.</param>
/// <param name="ClaimToken">Proves the claim when settling; a stale claim is refused.</param>
public sealed record ClaimedDelivery(string DeliveryId, string WebhookId, int AttemptsMade, string ClaimToken, StoredEvent Event)
{
    /// <summary>When the delivery was due (its score before the claim), for the due-to-sent metric.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The W3C traceparent of the ingest span that accepted the event, or null.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The lease epoch it was claimed under; settling is refused once the partition's epoch moved on. Null: not fenced.</summary>
    public long? Epoch { get; init; }
}
