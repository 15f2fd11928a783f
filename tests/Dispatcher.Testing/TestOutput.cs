namespace Dispatcher.Testing;

/// <summary>Writes to a test's output from callbacks (process output, server logs) that can outlive the test.</summary>
public static class TestOutput
{
    public static void TryWriteLine(ITestOutputHelper? output, string line)
    {
        try
        {
            output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }
}
