namespace Dispatcher.Redis.Leases;

/// <summary>The answer to a lease acquire-or-renew call.</summary>
/// <param name="Held">This instance holds the lease now.</param>
/// <param name="Epoch">The lease's epoch while held (fences the holder's writes); 0 when not held.</param>
/// <param name="PreviousHolder">
/// On a fresh acquisition, the holder of the previous epoch ("" if none); when not held, the
/// instance holding it; null on a renewal.
/// </param>
/// <param name="PreviousReleased">On a fresh acquisition, whether the previous holder handed the lease back (rather than let it expire).</param>
public sealed record LeaseGrant(bool Held, long Epoch, string? PreviousHolder, bool PreviousReleased)
{
    /// <summary>A fresh acquisition from another instance that did not hand the lease back: it may still be sending.</summary>
    public bool FromExpiredHolder(string self) =>
        Held && !PreviousReleased && !string.IsNullOrEmpty(PreviousHolder) && PreviousHolder != self;
}
