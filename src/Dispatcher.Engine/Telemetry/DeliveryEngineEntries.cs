namespace Dispatcher.Engine.Telemetry;

/// <summary>
/// How many per-webhook entries this instance's pumps keep in memory (endpoint workers, each with
/// its senders, and claim timeouts): with idle eviction they follow the webhooks in use, not every
/// webhook ever delivered to.
/// </summary>
public sealed class DeliveryEngineEntries
{
    private int _workers;
    private int _claimTimeouts;

    public int Workers => Volatile.Read(ref _workers);

    public int ClaimTimeouts => Volatile.Read(ref _claimTimeouts);

    internal void WorkersChanged(int delta) => Interlocked.Add(ref _workers, delta);

    internal void ClaimTimeoutsChanged(int delta) => Interlocked.Add(ref _claimTimeouts, delta);
}
