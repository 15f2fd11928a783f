using Dispatcher.Engine.Signals;

namespace Dispatcher.Engine.Enqueuing;

/// <summary>
/// The one way work is added to the schedule: write, and only once the write succeeded, wake the
/// pumps of the partitions it touched (here, and through <see cref="CrossInstanceWakeups"/> on the
/// instances holding them). A write that throws wakes nothing; a lost wake-up costs an idle poll.
/// </summary>
public sealed class Enqueuer(PartitionSignals signals)
{
    /// <summary>A write that records which partitions it added work to in the set it is given.</summary>
    public async Task<T> WriteAsync<T>(Func<ISet<int>, Task<T>> write)
    {
        var touched = new HashSet<int>();
        var result = await write(touched).ConfigureAwait(false);
        signals.Notify(touched);
        return result;
    }

    /// <summary>A write to one partition, which is woken when <paramref name="addedWork"/> says the write queued something.</summary>
    public async Task<T> WriteAsync<T>(int partition, Func<Task<T>> write, Func<T, bool> addedWork)
    {
        var result = await write().ConfigureAwait(false);
        if (addedWork(result))
        {
            signals.Notify([partition]);
        }
        return result;
    }
}
