using System.Collections.Concurrent;

namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>
/// The shared server's output, written to the output of whichever test runs now: the tests of the
/// assembly run one at a time, so the server's lines land beside the test that caused them. Lines
/// written while no test runs (the server starting) are kept, so a server that will not start says why.
/// </summary>
public sealed class RoutedOutput : ITestOutputHelper
{
    private const int KeptLines = 200;
    private readonly ConcurrentQueue<string> _unrouted = new();
    private volatile ITestOutputHelper? _current;

    /// <summary>The last lines written while no test was running.</summary>
    public string Unrouted => string.Join('\n', _unrouted);

    public void RouteTo(ITestOutputHelper? output) => _current = output;

    public void WriteLine(string message)
    {
        if (_current is { } output)
        {
            Dispatcher.Testing.TestOutput.TryWriteLine(output, message);
            return;
        }
        _unrouted.Enqueue(message);
        while (_unrouted.Count > KeptLines && _unrouted.TryDequeue(out _))
        {
        }
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
