using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Testing;

/// <summary>
/// Routes the server's logs to the test output and keeps them, so tests can assert on event names;
/// keeps its errors apart, for <see cref="ThrowIfUnexpectedErrors"/>.
/// </summary>
public sealed class TestLoggerProvider(ITestOutputHelper? output) : ILoggerProvider
{
    private readonly ExpectedErrors _errors = new();

    public ConcurrentQueue<(LogLevel Level, string Category, EventId Id, string Message)> Entries { get; } = new();

    private readonly List<(string EventName, int Occurrences, TaskCompletionSource<string> Seen)> _waiters = [];

    public ILogger CreateLogger(string categoryName) => new TestLogger(this, categoryName);

    /// <summary>
    /// Completes when <paramref name="eventName"/> has been logged <paramref name="occurrences"/> times
    /// (counting what was logged before the call); returns the message of that occurrence.
    /// </summary>
    public async Task<string> WaitForAsync(string eventName, int occurrences = 1, TimeSpan? timeout = null)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var matching = Entries.Where(e => e.Id.Name == eventName).ToList();
            if (matching.Count >= occurrences)
            {
                return matching[occurrences - 1].Message;
            }
            _waiters.Add((eventName, occurrences, seen));
        }
        try
        {
            return await seen.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"expected the server to log {eventName} {occurrences} time(s)");
        }
    }

    /// <summary>Declares errors matching <paramref name="filter"/> expected (see <see cref="ExpectedErrors"/>).</summary>
    public void ExpectErrors(Func<LoggedError, bool> filter) => _errors.Expect(filter);

    /// <summary>Fails with every Error or Critical logged so far that the test did not expect.</summary>
    public void ThrowIfUnexpectedErrors() => _errors.ThrowIfUnexpected("the in-process server");

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, EventId id, string message, Exception? exception)
    {
        lock (_waiters)
        {
            Entries.Enqueue((level, category, id, message));
            if (_waiters.Any(w => w.EventName == id.Name))
            {
                int count = Entries.Count(e => e.Id.Name == id.Name);
                foreach (var waiter in _waiters.Where(w => w.EventName == id.Name && w.Occurrences == count))
                {
                    waiter.Seen.TrySetResult(message);
                }
            }
        }
        if (level >= LogLevel.Error)
        {
            _errors.Record(new LoggedError(level, category, id, message, exception?.ToString()));
        }
        TestOutput.TryWriteLine(output, $"{DateTime.UtcNow:HH:mm:ss.fff} {level} {category}[{id.Name ?? id.Id.ToString()}] {message}{(exception is null ? "" : "\n" + exception)}");
    }

    private sealed class TestLogger(TestLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, eventId, formatter(state, exception), exception);
            }
        }
    }
}
