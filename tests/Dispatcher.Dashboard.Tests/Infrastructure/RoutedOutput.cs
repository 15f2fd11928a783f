namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>
/// The shared server's output, written to the output of whichever test runs now: the tests of the
/// assembly run one at a time, so the server's lines land beside the test that caused them.
/// </summary>
public sealed class RoutedOutput : ITestOutputHelper
{
    private volatile ITestOutputHelper? _current;

    public void RouteTo(ITestOutputHelper? output) => _current = output;

    public void WriteLine(string message) => Dispatcher.Testing.TestOutput.TryWriteLine(_current, message);

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
