namespace Dispatcher.Cli;

/// <summary>A failure the CLI reports as one line on stderr and an exit code, never as a stack trace.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
