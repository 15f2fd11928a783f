using System.Collections.Concurrent;
using System.Diagnostics;
using Dispatcher.Engine.Telemetry;

namespace Dispatcher.FunctionalTests.Observability;

/// <summary>
/// Collects the finished spans of the Dispatcher activity source in this process, and of the
/// outbound HTTP handler's (System.Net.Http). Other servers may run at the same time, so tests pick
/// their spans out by trace id.
/// </summary>
public sealed class SpanCollector : IDisposable
{
    public const string HttpSourceName = "System.Net.Http";

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Seen)> _waiters = [];

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is DispatcherTracing.SourceName or HttpSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Completes with the first finished span that matches (including one finished before the call).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var seen = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_spans.FirstOrDefault(match) is { } done)
            {
                return done;
            }
            _waiters.Add((match, seen));
        }
        try
        {
            return await seen.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("expected a matching span to finish; finished: " + string.Join(", ", _spans.Select(s => s.OperationName)));
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Stopped(Activity span)
    {
        lock (_waiters)
        {
            _spans.Enqueue(span);
            foreach (var waiter in _waiters.Where(w => w.Match(span)))
            {
                waiter.Seen.TrySetResult(span);
            }
        }
    }
}
