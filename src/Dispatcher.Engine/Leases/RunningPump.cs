namespace Dispatcher.Engine.Leases;

/// <summary>
/// A partition pump PartitionLeaseSupervisor runs, with its lease deadline: <see cref="ExtendTo"/> re-arms
/// the deadline on every renewal, and when it fires the pump stops claiming and abandons attempts
/// in flight, whether or not the lease loop has heard from Redis.
/// </summary>
internal sealed class RunningPump(CancellationTokenSource cts, CancellationTokenSource deadline, CancellationTokenSource abort, long epoch) : IDisposable
{
    /// <summary>Stops the pump (claiming, then sending); linked to the lease deadline.</summary>
    public CancellationTokenSource Cts { get; } = cts;

    /// <summary>The lease epoch the pump claims and settles under.</summary>
    public long Epoch { get; } = epoch;

    public Task Task { get; set; } = Task.CompletedTask;

    /// <summary>The lease ran out before a renewal re-armed the deadline.</summary>
    public bool Lapsed => deadline.IsCancellationRequested;

    /// <summary>The lease now lasts <paramref name="left"/> longer (as this instance counts it).</summary>
    public void ExtendTo(TimeSpan left)
    {
        if (!deadline.IsCancellationRequested)
        {
            deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    /// <summary>Stops claiming and abandons attempts in flight at once (the lease is gone).</summary>
    public Task AbandonAsync() => deadline.CancelAsync();

    public void Dispose()
    {
        Cts.Dispose();
        abort.Dispose();
        deadline.Dispose();
    }
}
