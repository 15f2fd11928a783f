using Dispatcher.Redis.Schedule;

namespace Dispatcher.Redis.Ingest;

/// <summary>
/// A slot reserved in a webhook's channel for one new delivery, with the lease epoch and claim
/// deadline it is written under. Exactly one of <see cref="Hand"/> and <see cref="Release"/> is called.
/// </summary>
public abstract class DirectClaim(long epoch, DateTimeOffset deadline)
{
    /// <summary>The lease epoch of the partition's pump that reserved the slot.</summary>
    public long Epoch { get; } = epoch;

    /// <summary>Until when the delivery is claimed; also its claim token.</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>The delivery was written claimed: put it in the reserved slot.</summary>
    public abstract void Hand(ClaimedDelivery delivery);

    /// <summary>Nothing was written claimed for this slot (queued instead, a duplicate, or the write failed): free it.</summary>
    public abstract void Release();
}
