using System.Collections.Concurrent;

namespace Dispatcher.Testing;

/// <summary>
/// Records when this process could not run thread-pool work on time (a garbage collection's pause, a
/// starved pool, the machine taking both cores elsewhere) while a test measures a rate on the real
/// clock. The server in-process cannot deliver during such a stall either (its limiter is served by a
/// pool timer), so a test of the limiter's sustained rate leaves that time out, and prints it.
/// </summary>
public sealed class SchedulingStalls : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    // Late by more than this counts: ordinary timer and scheduler jitter is well below it.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentQueue<(DateTimeOffset From, DateTimeOffset To)> _stalls = new();
    private readonly CancellationTokenSource _stop = new();

    // The token is taken here, once: Dispose may run while the watcher is between ticks, and a
    // disposed source's Token throws.
    public SchedulingStalls()
    {
        var stop = _stop.Token;
        _ = Task.Run(() => WatchAsync(stop));
    }

    /// <summary>How much of [<paramref name="from"/>, <paramref name="to"/>] fell in a stall.</summary>
    public TimeSpan Within(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        foreach (var (start, end) in _stalls)
        {
            var overlap = (end < to ? end : to) - (start > from ? start : from);
            if (overlap > TimeSpan.Zero)
            {
                total += overlap;
            }
        }
        return total;
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        var last = DateTimeOffset.UtcNow;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Tick, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var now = DateTimeOffset.UtcNow;
            if (now - last - Tick > Tolerance)
            {
                // The tick was due at last + Tick; everything after that until now was lost.
                _stalls.Enqueue((last + Tick, now));
            }
            last = now;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
