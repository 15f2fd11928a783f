namespace Dispatcher.Cli;

/// <summary>The CLI's exit codes, documented in docs/cli.md; scripts branch on them.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The server answered with an error (not found, invalid input…); its code and message are printed.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: an unknown command or option, a missing argument, a missing URL or key.</summary>
    public const int Usage = 2;

    /// <summary>The server refused the API key or producer key (401 / Unauthenticated).</summary>
    public const int Unauthorized = 3;

    /// <summary>The server could not be reached (connection refused, DNS, timeout).</summary>
    public const int Unreachable = 4;
}
