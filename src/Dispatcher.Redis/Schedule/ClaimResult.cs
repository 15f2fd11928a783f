namespace Dispatcher.Redis.Schedule;

/// <summary>
/// One webhook's part of a batched claim: what was claimed, and the due deliveries dropped instead
/// because their event outlived its retention (for the caller to put on record).
/// </summary>
public sealed record ClaimResult(IReadOnlyList<ClaimedDelivery> Claimed, IReadOnlyList<ExpiredDelivery> Expired)
{
    public static ClaimResult Empty { get; } = new([], []);
}
