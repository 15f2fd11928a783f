using System.Collections.Concurrent;

namespace Dispatcher.Testing;

/// <summary>An output sink that keeps the lines, for tests that read what a process printed.</summary>
public sealed class LineCollector(ConcurrentQueue<string> lines) : ITestOutputHelper
{
    public void WriteLine(string message) => lines.Enqueue(message);

    public void WriteLine(string format, params object[] args) => lines.Enqueue(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
