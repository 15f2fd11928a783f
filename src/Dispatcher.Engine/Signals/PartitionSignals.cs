namespace Dispatcher.Engine.Signals;

/// <summary>
/// Wakes a partition's pump when ingest adds work to it, so a new event is sent at once rather
/// than at the next idle poll (on another instance, through <see cref="CrossInstanceWakeups"/>).
/// </summary>
public sealed class PartitionSignals
{
    private readonly SemaphoreSlim[] _signals;

    public PartitionSignals(Dispatcher.Core.Partitioning.PartitionMap partitions) =>
        _signals = Enumerable.Range(0, partitions.Count).Select(_ => new SemaphoreSlim(0, 1)).ToArray();

    /// <summary>The number of partitions.</summary>
    public int Count => _signals.Length;

    /// <summary>
    /// Raised when work was added to partitions here (ingest, test events, aggregates, replays),
    /// so <see cref="CrossInstanceWakeups"/> can wake their holders on other instances.
    /// </summary>
    public event Action<IReadOnlyList<int>>? WorkAdded;

    /// <summary>Work was added to these partitions: wakes their pumps here and, through <see cref="WorkAdded"/>, elsewhere.</summary>
    public void Notify(IEnumerable<int> partitions)
    {
        var touched = partitions as IReadOnlyList<int> ?? partitions.ToList();
        foreach (int partition in touched)
        {
            Notify(partition);
        }
        if (touched.Count > 0)
        {
            WorkAdded?.Invoke(touched);
        }
    }

    /// <summary>Wakes the partition's pump on this instance only.</summary>
    public void Notify(int partition)
    {
        var signal = _signals[partition];
        // A pending wake-up already covers this one; the semaphore holds at most one.
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    /// <summary>Waits for a wake-up or until <paramref name="until"/> on <paramref name="time"/>'s clock.</summary>
    public async Task WaitAsync(int partition, DateTimeOffset until, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _signals[partition].WaitAsync(cts.Token);
        var timer = Task.Delay(Positive(until - time.GetUtcNow()), time, cts.Token);
        // A timer counts from when it is set: had the clock jumped past `until` meanwhile (a test's
        // fake clock does), it would fire that much too late. Checking after setting it closes the gap.
        if (time.GetUtcNow() < until)
        {
            await Task.WhenAny(woken, timer).ConfigureAwait(false);
        }
        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(woken, timer).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The loser of the race was cancelled; that is the point.
        }
    }

    private static TimeSpan Positive(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
