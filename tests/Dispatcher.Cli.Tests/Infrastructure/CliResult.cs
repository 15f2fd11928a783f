namespace Dispatcher.Cli.Tests.Infrastructure;

/// <summary>How a finished CLI process ended and what it printed.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
