using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dispatcher.FunctionalTests.Infrastructure;

/// <summary>Routes the server's logs to the test output and keeps them, so tests can assert on event names.</summary>
public sealed class TestLoggerProvider(ITestOutputHelper? output) : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, EventId Id, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new TestLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, EventId id, string message, Exception? exception)
    {
        Entries.Enqueue((level, category, id, message));
        try
        {
            output?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level} {category}[{id.Name ?? id.Id.ToString()}] {message}{(exception is null ? "" : "\n" + exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished; its output is closed.
        }
    }

    private sealed class TestLogger(TestLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, eventId, formatter(state, exception), exception);
            }
        }
    }
}
